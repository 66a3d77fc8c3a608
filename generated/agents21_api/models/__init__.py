"""Contains all the data models used in inputs/outputs; each module loads when first used."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .abort_chunk import AbortChunk
    from .agent_ref import AgentRef
    from .archived_auth_summary import ArchivedAuthSummary
    from .archived_auth_summary_type import ArchivedAuthSummaryType
    from .background_run_started import BackgroundRunStarted
    from .basic_inject import BasicInject
    from .bearer_auth_input import BearerAuthInput
    from .bearer_auth_summary import BearerAuthSummary
    from .cancel_result import CancelResult
    from .chat_request import ChatRequest
    from .chat_request_mode import ChatRequestMode
    from .create_sandbox_request import CreateSandboxRequest
    from .create_sandbox_request_envs import CreateSandboxRequestEnvs
    from .create_sandbox_request_files import CreateSandboxRequestFiles
    from .create_thread_request import CreateThreadRequest
    from .create_token_request import CreateTokenRequest
    from .create_vault_request import CreateVaultRequest
    from .data_chunk import DataChunk
    from .dynamic_tool_ui_part import DynamicToolUIPart
    from .error_chunk import ErrorChunk
    from .error_detail import ErrorDetail
    from .error_envelope import ErrorEnvelope
    from .exec_request import ExecRequest
    from .exec_request_envs import ExecRequestEnvs
    from .exec_result import ExecResult
    from .file_chunk import FileChunk
    from .file_content import FileContent
    from .file_entry_info import FileEntryInfo
    from .file_ui_part import FileUIPart
    from .finish_chunk import FinishChunk
    from .finish_step_chunk import FinishStepChunk
    from .flat_error_code import FlatErrorCode
    from .flat_error_message import FlatErrorMessage
    from .generic_ui_part import GenericUIPart
    from .git_clone_request import GitCloneRequest
    from .git_clone_result import GitCloneResult
    from .header_inject import HeaderInject
    from .health_response import HealthResponse
    from .make_dir_request import MakeDirRequest
    from .message_metadata import MessageMetadata
    from .message_metadata_chunk import MessageMetadataChunk
    from .o_auth_auth_input import OAuthAuthInput
    from .o_auth_auth_input_token_endpoint_auth import OAuthAuthInputTokenEndpointAuth
    from .o_auth_auth_summary import OAuthAuthSummary
    from .provider_metadata import ProviderMetadata
    from .query_inject import QueryInject
    from .read_file_format import ReadFileFormat
    from .read_file_result import ReadFileResult
    from .reasoning_delta_chunk import ReasoningDeltaChunk
    from .reasoning_end_chunk import ReasoningEndChunk
    from .reasoning_start_chunk import ReasoningStartChunk
    from .reasoning_ui_part import ReasoningUIPart
    from .rename_file_request import RenameFileRequest
    from .run_options import RunOptions
    from .run_options_permission_mode import RunOptionsPermissionMode
    from .sandbox import Sandbox
    from .sandbox_created import SandboxCreated
    from .sandbox_thread import SandboxThread
    from .source_document_chunk import SourceDocumentChunk
    from .source_document_ui_part import SourceDocumentUIPart
    from .source_url_chunk import SourceUrlChunk
    from .source_url_ui_part import SourceUrlUIPart
    from .start_chunk import StartChunk
    from .start_step_chunk import StartStepChunk
    from .step_start_ui_part import StepStartUIPart
    from .system_prompt_preset import SystemPromptPreset
    from .text_delta_chunk import TextDeltaChunk
    from .text_end_chunk import TextEndChunk
    from .text_start_chunk import TextStartChunk
    from .text_ui_part import TextUIPart
    from .thread import Thread
    from .thread_created import ThreadCreated
    from .thread_list_item import ThreadListItem
    from .thread_usage import ThreadUsage
    from .token_response import TokenResponse
    from .tool_input_available_chunk import ToolInputAvailableChunk
    from .tool_input_delta_chunk import ToolInputDeltaChunk
    from .tool_input_error_chunk import ToolInputErrorChunk
    from .tool_input_start_chunk import ToolInputStartChunk
    from .tool_output_available_chunk import ToolOutputAvailableChunk
    from .tool_output_error_chunk import ToolOutputErrorChunk
    from .tool_ui_part import ToolUIPart
    from .ui_message import UIMessage
    from .update_vault_request import UpdateVaultRequest
    from .vault import Vault
    from .vault_credential import VaultCredential
    from .vault_credential_auth_type import VaultCredentialAuthType
    from .vault_credential_input import VaultCredentialInput
    from .vault_credential_response import VaultCredentialResponse
    from .vault_credential_status import VaultCredentialStatus
    from .vault_detail import VaultDetail
    from .vault_detail_agents_item import VaultDetailAgentsItem
    from .vault_list import VaultList
    from .vault_metadata import VaultMetadata
    from .vault_response import VaultResponse
    from .vault_status import VaultStatus
    from .vault_success import VaultSuccess
    from .vault_suggestion import VaultSuggestion
    from .write_files_format import WriteFilesFormat
    from .write_files_list import WriteFilesList
    from .write_files_map import WriteFilesMap
    from .write_files_map_files import WriteFilesMapFiles
    from .write_files_result import WriteFilesResult
    from .written_blob import WrittenBlob
    from .written_file import WrittenFile

# name -> the module that defines it: importing this package builds no model class
_MODULES = {
    "AbortChunk": ".abort_chunk",
    "AgentRef": ".agent_ref",
    "ArchivedAuthSummary": ".archived_auth_summary",
    "ArchivedAuthSummaryType": ".archived_auth_summary_type",
    "BackgroundRunStarted": ".background_run_started",
    "BasicInject": ".basic_inject",
    "BearerAuthInput": ".bearer_auth_input",
    "BearerAuthSummary": ".bearer_auth_summary",
    "CancelResult": ".cancel_result",
    "ChatRequest": ".chat_request",
    "ChatRequestMode": ".chat_request_mode",
    "CreateSandboxRequest": ".create_sandbox_request",
    "CreateSandboxRequestEnvs": ".create_sandbox_request_envs",
    "CreateSandboxRequestFiles": ".create_sandbox_request_files",
    "CreateThreadRequest": ".create_thread_request",
    "CreateTokenRequest": ".create_token_request",
    "CreateVaultRequest": ".create_vault_request",
    "DataChunk": ".data_chunk",
    "DynamicToolUIPart": ".dynamic_tool_ui_part",
    "ErrorChunk": ".error_chunk",
    "ErrorDetail": ".error_detail",
    "ErrorEnvelope": ".error_envelope",
    "ExecRequest": ".exec_request",
    "ExecRequestEnvs": ".exec_request_envs",
    "ExecResult": ".exec_result",
    "FileChunk": ".file_chunk",
    "FileContent": ".file_content",
    "FileEntryInfo": ".file_entry_info",
    "FileUIPart": ".file_ui_part",
    "FinishChunk": ".finish_chunk",
    "FinishStepChunk": ".finish_step_chunk",
    "FlatErrorCode": ".flat_error_code",
    "FlatErrorMessage": ".flat_error_message",
    "GenericUIPart": ".generic_ui_part",
    "GitCloneRequest": ".git_clone_request",
    "GitCloneResult": ".git_clone_result",
    "HeaderInject": ".header_inject",
    "HealthResponse": ".health_response",
    "MakeDirRequest": ".make_dir_request",
    "MessageMetadata": ".message_metadata",
    "MessageMetadataChunk": ".message_metadata_chunk",
    "OAuthAuthInput": ".o_auth_auth_input",
    "OAuthAuthInputTokenEndpointAuth": ".o_auth_auth_input_token_endpoint_auth",
    "OAuthAuthSummary": ".o_auth_auth_summary",
    "ProviderMetadata": ".provider_metadata",
    "QueryInject": ".query_inject",
    "ReadFileFormat": ".read_file_format",
    "ReadFileResult": ".read_file_result",
    "ReasoningDeltaChunk": ".reasoning_delta_chunk",
    "ReasoningEndChunk": ".reasoning_end_chunk",
    "ReasoningStartChunk": ".reasoning_start_chunk",
    "ReasoningUIPart": ".reasoning_ui_part",
    "RenameFileRequest": ".rename_file_request",
    "RunOptions": ".run_options",
    "RunOptionsPermissionMode": ".run_options_permission_mode",
    "Sandbox": ".sandbox",
    "SandboxCreated": ".sandbox_created",
    "SandboxThread": ".sandbox_thread",
    "SourceDocumentChunk": ".source_document_chunk",
    "SourceDocumentUIPart": ".source_document_ui_part",
    "SourceUrlChunk": ".source_url_chunk",
    "SourceUrlUIPart": ".source_url_ui_part",
    "StartChunk": ".start_chunk",
    "StartStepChunk": ".start_step_chunk",
    "StepStartUIPart": ".step_start_ui_part",
    "SystemPromptPreset": ".system_prompt_preset",
    "TextDeltaChunk": ".text_delta_chunk",
    "TextEndChunk": ".text_end_chunk",
    "TextStartChunk": ".text_start_chunk",
    "TextUIPart": ".text_ui_part",
    "Thread": ".thread",
    "ThreadCreated": ".thread_created",
    "ThreadListItem": ".thread_list_item",
    "ThreadUsage": ".thread_usage",
    "TokenResponse": ".token_response",
    "ToolInputAvailableChunk": ".tool_input_available_chunk",
    "ToolInputDeltaChunk": ".tool_input_delta_chunk",
    "ToolInputErrorChunk": ".tool_input_error_chunk",
    "ToolInputStartChunk": ".tool_input_start_chunk",
    "ToolOutputAvailableChunk": ".tool_output_available_chunk",
    "ToolOutputErrorChunk": ".tool_output_error_chunk",
    "ToolUIPart": ".tool_ui_part",
    "UIMessage": ".ui_message",
    "UpdateVaultRequest": ".update_vault_request",
    "Vault": ".vault",
    "VaultCredential": ".vault_credential",
    "VaultCredentialAuthType": ".vault_credential_auth_type",
    "VaultCredentialInput": ".vault_credential_input",
    "VaultCredentialResponse": ".vault_credential_response",
    "VaultCredentialStatus": ".vault_credential_status",
    "VaultDetail": ".vault_detail",
    "VaultDetailAgentsItem": ".vault_detail_agents_item",
    "VaultList": ".vault_list",
    "VaultMetadata": ".vault_metadata",
    "VaultResponse": ".vault_response",
    "VaultStatus": ".vault_status",
    "VaultSuccess": ".vault_success",
    "VaultSuggestion": ".vault_suggestion",
    "WriteFilesFormat": ".write_files_format",
    "WriteFilesList": ".write_files_list",
    "WriteFilesMap": ".write_files_map",
    "WriteFilesMapFiles": ".write_files_map_files",
    "WriteFilesResult": ".write_files_result",
    "WrittenBlob": ".written_blob",
    "WrittenFile": ".written_file",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(_MODULES)


__all__ = (
    "AbortChunk",
    "AgentRef",
    "ArchivedAuthSummary",
    "ArchivedAuthSummaryType",
    "BackgroundRunStarted",
    "BasicInject",
    "BearerAuthInput",
    "BearerAuthSummary",
    "CancelResult",
    "ChatRequest",
    "ChatRequestMode",
    "CreateSandboxRequest",
    "CreateSandboxRequestEnvs",
    "CreateSandboxRequestFiles",
    "CreateThreadRequest",
    "CreateTokenRequest",
    "CreateVaultRequest",
    "DataChunk",
    "DynamicToolUIPart",
    "ErrorChunk",
    "ErrorDetail",
    "ErrorEnvelope",
    "ExecRequest",
    "ExecRequestEnvs",
    "ExecResult",
    "FileChunk",
    "FileContent",
    "FileEntryInfo",
    "FileUIPart",
    "FinishChunk",
    "FinishStepChunk",
    "FlatErrorCode",
    "FlatErrorMessage",
    "GenericUIPart",
    "GitCloneRequest",
    "GitCloneResult",
    "HeaderInject",
    "HealthResponse",
    "MakeDirRequest",
    "MessageMetadata",
    "MessageMetadataChunk",
    "OAuthAuthInput",
    "OAuthAuthInputTokenEndpointAuth",
    "OAuthAuthSummary",
    "ProviderMetadata",
    "QueryInject",
    "ReadFileFormat",
    "ReadFileResult",
    "ReasoningDeltaChunk",
    "ReasoningEndChunk",
    "ReasoningStartChunk",
    "ReasoningUIPart",
    "RenameFileRequest",
    "RunOptions",
    "RunOptionsPermissionMode",
    "Sandbox",
    "SandboxCreated",
    "SandboxThread",
    "SourceDocumentChunk",
    "SourceDocumentUIPart",
    "SourceUrlChunk",
    "SourceUrlUIPart",
    "StartChunk",
    "StartStepChunk",
    "StepStartUIPart",
    "SystemPromptPreset",
    "TextDeltaChunk",
    "TextEndChunk",
    "TextStartChunk",
    "TextUIPart",
    "Thread",
    "ThreadCreated",
    "ThreadListItem",
    "ThreadUsage",
    "TokenResponse",
    "ToolInputAvailableChunk",
    "ToolInputDeltaChunk",
    "ToolInputErrorChunk",
    "ToolInputStartChunk",
    "ToolOutputAvailableChunk",
    "ToolOutputErrorChunk",
    "ToolUIPart",
    "UIMessage",
    "UpdateVaultRequest",
    "Vault",
    "VaultCredential",
    "VaultCredentialAuthType",
    "VaultCredentialInput",
    "VaultCredentialResponse",
    "VaultCredentialStatus",
    "VaultDetail",
    "VaultDetailAgentsItem",
    "VaultList",
    "VaultMetadata",
    "VaultResponse",
    "VaultStatus",
    "VaultSuccess",
    "VaultSuggestion",
    "WriteFilesFormat",
    "WriteFilesList",
    "WriteFilesMap",
    "WriteFilesMapFiles",
    "WriteFilesResult",
    "WrittenBlob",
    "WrittenFile",
)
