"""The one seam to the generated client: each operation of the contract, as the request its
generated builder makes and the model its success body becomes.

Nothing else in the SDK imports `agents21_api.api`. A builder's module and a body's model load
on the first call that needs them, so importing a client loads none of them. Success bodies are parsed here, once:
the generated `_parse_response` also parses error bodies, which `_errors` already maps.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Protocol, TypeVar

from agents21_api import models

P = ParamSpec("P")
T = TypeVar("T")


class _Builder(Protocol[P]):
    """A generated endpoint module, as far as the SDK uses it."""

    def _get_kwargs(self, *args: P.args, **kwargs: P.kwargs) -> dict[str, Any]: ...


class Call(Generic[T]):
    """One request, ready to send (`method`, `url`, `params`, `json`, `headers`), and how its
    decoded success body becomes the method's result."""

    __slots__ = ("parse", "request")

    def __init__(self, request: dict[str, Any], parse: Callable[[Any], T]) -> None:
        self.request = request
        self.parse = parse


class Endpoint(Generic[P, T]):
    """An operation: called with the generated builder's arguments, it gives the `Call`."""

    __slots__ = ("_build", "_module", "_parse")

    def __init__(self, module: _Builder[P], parse: Callable[[Any], T]) -> None:
        # At run time `module` is the module's name (see below); type checkers see the module.
        self._module: object = module
        self._build: Callable[..., dict[str, Any]] | None = None
        self._parse = parse

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Call[T]:
        build = self._build
        if build is None:
            module = self._module
            if isinstance(module, str):
                module = importlib.import_module(module)
            build = self._build = module._get_kwargs  # type: ignore[attr-defined]
        return Call(build(*args, **kwargs), self._parse)


class _LazyModel:
    """A model class at run time, loaded by its first parse (type checkers see the class)."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def from_dict(self, data: Any) -> Any:
        return getattr(models, self._name).from_dict(data)


if TYPE_CHECKING:
    from agents21_api.models import (
        BackgroundRunStarted,
        CancelResult,
        ExecResult,
        FileEntryInfo,
        GitCloneResult,
        ReadFileResult,
        Sandbox,
        SandboxCreated,
        Thread,
        ThreadCreated,
        ThreadListItem,
        TokenResponse,
        VaultCredentialResponse,
        VaultDetail,
        VaultList,
        VaultResponse,
        VaultSuccess,
        WriteFilesResult,
        WrittenBlob,
    )
else:
    BackgroundRunStarted = _LazyModel("BackgroundRunStarted")
    CancelResult = _LazyModel("CancelResult")
    ExecResult = _LazyModel("ExecResult")
    FileEntryInfo = _LazyModel("FileEntryInfo")
    GitCloneResult = _LazyModel("GitCloneResult")
    ReadFileResult = _LazyModel("ReadFileResult")
    Sandbox = _LazyModel("Sandbox")
    SandboxCreated = _LazyModel("SandboxCreated")
    Thread = _LazyModel("Thread")
    ThreadCreated = _LazyModel("ThreadCreated")
    ThreadListItem = _LazyModel("ThreadListItem")
    TokenResponse = _LazyModel("TokenResponse")
    VaultCredentialResponse = _LazyModel("VaultCredentialResponse")
    VaultDetail = _LazyModel("VaultDetail")
    VaultList = _LazyModel("VaultList")
    VaultResponse = _LazyModel("VaultResponse")
    VaultSuccess = _LazyModel("VaultSuccess")
    WriteFilesResult = _LazyModel("WriteFilesResult")
    WrittenBlob = _LazyModel("WrittenBlob")

# ---------------------------------------------------------------------------- success bodies
# Each raises TypeError/KeyError/ValueError on a body that does not fit; the client turns that
# into APIResponseValidationError.


def _one(cls: Callable[[Any], T]) -> Callable[[Any], T]:
    def parse(data: Any) -> T:
        if not isinstance(data, dict):
            raise TypeError(f"expected a JSON object, got {type(data).__name__}")
        return cls(data)

    return parse


def _many(cls: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    one = _one(cls)

    def parse(data: Any) -> list[T]:
        if not isinstance(data, list):
            raise TypeError(f"expected a JSON array, got {type(data).__name__}")
        return [one(item) for item in data]

    return parse


def _flag(data: Any) -> bool:
    if type(data) is not bool:
        raise TypeError(f"expected true or false, got {type(data).__name__}")
    return data


def _no_body(data: Any) -> None:
    """For a call whose response the resource reads itself (a stream, raw bytes, a 204)."""
    return None


if TYPE_CHECKING:
    from agents21_api.api.chat import cancel_stream, chat, resume_stream
    from agents21_api.api.files import (
        file_exists,
        get_file_info,
        list_files,
        make_dir,
        read_file,
        remove_file,
        rename_file,
        write_files,
    )
    from agents21_api.api.sandboxes import (
        create_sandbox,
        delete_sandbox,
        exec_command,
        get_sandbox,
        git_clone,
    )
    from agents21_api.api.threads import create_thread, delete_thread, get_thread, list_threads
    from agents21_api.api.tokens import create_token
    from agents21_api.api.vaults import (
        create_vault,
        create_vault_credential,
        delete_vault,
        delete_vault_credential,
        get_vault,
        list_vaults,
        set_default_vault,
        update_vault,
        update_vault_credential,
    )
else:

    def _modules(tag: str, *names: str) -> list[str]:
        return [f"agents21_api.api.{tag}.{name}" for name in names]

    cancel_stream, chat, resume_stream = _modules("chat", "cancel_stream", "chat", "resume_stream")
    (
        file_exists, get_file_info, list_files, make_dir, read_file, remove_file, rename_file,
        write_files,
    ) = _modules(
        "files", "file_exists", "get_file_info", "list_files", "make_dir", "read_file",
        "remove_file", "rename_file", "write_files",
    )  # fmt: skip
    create_sandbox, delete_sandbox, exec_command, get_sandbox, git_clone = _modules(
        "sandboxes", "create_sandbox", "delete_sandbox", "exec_command", "get_sandbox", "git_clone"
    )
    create_thread, delete_thread, get_thread, list_threads = _modules(
        "threads", "create_thread", "delete_thread", "get_thread", "list_threads"
    )
    (create_token,) = _modules("tokens", "create_token")
    (
        create_vault, create_vault_credential, delete_vault, delete_vault_credential, get_vault,
        list_vaults, set_default_vault, update_vault, update_vault_credential,
    ) = _modules(
        "vaults", "create_vault", "create_vault_credential", "delete_vault",
        "delete_vault_credential", "get_vault", "list_vaults", "set_default_vault",
        "update_vault", "update_vault_credential",
    )  # fmt: skip


# ---------------------------------------------------------------------------- the operations
CREATE_SANDBOX = Endpoint(create_sandbox, _one(SandboxCreated.from_dict))
GET_SANDBOX = Endpoint(get_sandbox, _one(Sandbox.from_dict))
DELETE_SANDBOX = Endpoint(delete_sandbox, _no_body)
EXEC = Endpoint(exec_command, _one(ExecResult.from_dict))
GIT_CLONE = Endpoint(git_clone, _one(GitCloneResult.from_dict))

WRITE_FILES = Endpoint(write_files, _one(WriteFilesResult.from_dict))
# A binary write answers `{path, size?}`: the generated union would read it as a WrittenFile.
WRITE_FILE_RAW = Endpoint(write_files, _one(WrittenBlob.from_dict))
READ_FILE = Endpoint(read_file, _one(ReadFileResult.from_dict))
READ_FILE_RAW = Endpoint(read_file, _no_body)  # format=blob or stream: the bytes themselves
LIST_FILES = Endpoint(list_files, _many(FileEntryInfo.from_dict))
FILE_INFO = Endpoint(get_file_info, _one(FileEntryInfo.from_dict))
FILE_EXISTS = Endpoint(file_exists, _flag)
MAKE_DIR = Endpoint(make_dir, _flag)
RENAME_FILE = Endpoint(rename_file, _one(FileEntryInfo.from_dict))
REMOVE_FILE = Endpoint(remove_file, _no_body)

LIST_THREADS = Endpoint(list_threads, _many(ThreadListItem.from_dict))
CREATE_THREAD = Endpoint(create_thread, _one(ThreadCreated.from_dict))
GET_THREAD = Endpoint(get_thread, _one(Thread.from_dict))
DELETE_THREAD = Endpoint(delete_thread, _no_body)

CHAT = Endpoint(chat, _one(BackgroundRunStarted.from_dict))  # the 202 of a background run
RESUME_STREAM = Endpoint(resume_stream, _no_body)
CANCEL_STREAM = Endpoint(cancel_stream, _one(CancelResult.from_dict))

CREATE_TOKEN = Endpoint(create_token, _one(TokenResponse.from_dict))

LIST_VAULTS = Endpoint(list_vaults, _one(VaultList.from_dict))
CREATE_VAULT = Endpoint(create_vault, _one(VaultResponse.from_dict))
GET_VAULT = Endpoint(get_vault, _one(VaultDetail.from_dict))
UPDATE_VAULT = Endpoint(update_vault, _one(VaultResponse.from_dict))
DELETE_VAULT = Endpoint(delete_vault, _one(VaultSuccess.from_dict))
SET_DEFAULT_VAULT = Endpoint(set_default_vault, _one(VaultSuccess.from_dict))
CREATE_VAULT_CREDENTIAL = Endpoint(create_vault_credential, _one(VaultCredentialResponse.from_dict))
UPDATE_VAULT_CREDENTIAL = Endpoint(update_vault_credential, _one(VaultCredentialResponse.from_dict))
DELETE_VAULT_CREDENTIAL = Endpoint(delete_vault_credential, _one(VaultSuccess.from_dict))
