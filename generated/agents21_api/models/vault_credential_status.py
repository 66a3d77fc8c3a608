from typing import Literal

VaultCredentialStatus = Literal["active", "archived"]

VAULT_CREDENTIAL_STATUS_VALUES: set[VaultCredentialStatus] = {
    "active",
    "archived",
}


def check_vault_credential_status(value: str) -> VaultCredentialStatus:
    if value in VAULT_CREDENTIAL_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VAULT_CREDENTIAL_STATUS_VALUES!r}"
    )
