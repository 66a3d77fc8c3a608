"""Contains all the data models used in inputs/outputs"""

from .abort_chunk import AbortChunk
from .agent_ref import AgentRef
from .background_run_started import BackgroundRunStarted
from .cancel_result import CancelResult
from .chat_request import ChatRequest
from .chat_request_mode import ChatRequestMode
from .create_sandbox_request import CreateSandboxRequest
from .create_sandbox_request_envs import CreateSandboxRequestEnvs
from .create_sandbox_request_files import CreateSandboxRequestFiles
from .create_thread_request import CreateThreadRequest
from .create_token_request import CreateTokenRequest
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
from .health_response import HealthResponse
from .make_dir_request import MakeDirRequest
from .message_metadata import MessageMetadata
from .message_metadata_chunk import MessageMetadataChunk
from .provider_metadata import ProviderMetadata
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
from .write_files_format import WriteFilesFormat
from .write_files_list import WriteFilesList
from .write_files_map import WriteFilesMap
from .write_files_map_files import WriteFilesMapFiles
from .write_files_result import WriteFilesResult
from .written_blob import WrittenBlob
from .written_file import WrittenFile

__all__ = (
    "AbortChunk",
    "AgentRef",
    "BackgroundRunStarted",
    "CancelResult",
    "ChatRequest",
    "ChatRequestMode",
    "CreateSandboxRequest",
    "CreateSandboxRequestEnvs",
    "CreateSandboxRequestFiles",
    "CreateThreadRequest",
    "CreateTokenRequest",
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
    "HealthResponse",
    "MakeDirRequest",
    "MessageMetadata",
    "MessageMetadataChunk",
    "ProviderMetadata",
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
    "WriteFilesFormat",
    "WriteFilesList",
    "WriteFilesMap",
    "WriteFilesMapFiles",
    "WriteFilesResult",
    "WrittenBlob",
    "WrittenFile",
)
