from typing import Literal

OAuthAuthInputTokenEndpointAuth = Literal[
    "client_secret_basic", "client_secret_post", "none"
]

O_AUTH_AUTH_INPUT_TOKEN_ENDPOINT_AUTH_VALUES: set[OAuthAuthInputTokenEndpointAuth] = {
    "client_secret_basic",
    "client_secret_post",
    "none",
}


def check_o_auth_auth_input_token_endpoint_auth(
    value: str,
) -> OAuthAuthInputTokenEndpointAuth:
    if value in O_AUTH_AUTH_INPUT_TOKEN_ENDPOINT_AUTH_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {O_AUTH_AUTH_INPUT_TOKEN_ENDPOINT_AUTH_VALUES!r}"
    )
