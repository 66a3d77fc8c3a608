from typing import Literal

VaultStatus = Literal["active", "archived"]

VAULT_STATUS_VALUES: set[VaultStatus] = {
    "active",
    "archived",
}


def check_vault_status(value: str) -> VaultStatus:
    if value in VAULT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VAULT_STATUS_VALUES!r}"
    )
