from typing import Literal

VaultCredentialAuthType = Literal["bearer", "oauth"]

VAULT_CREDENTIAL_AUTH_TYPE_VALUES: set[VaultCredentialAuthType] = {
    "bearer",
    "oauth",
}


def check_vault_credential_auth_type(value: str) -> VaultCredentialAuthType:
    if value in VAULT_CREDENTIAL_AUTH_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VAULT_CREDENTIAL_AUTH_TYPE_VALUES!r}"
    )
