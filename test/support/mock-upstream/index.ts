/**
 * @module test/support/mock-upstream
 * Scripted mock model providers (Ollama native, OpenAI Chat, Anthropic Messages, OpenAI Responses).
 */
export { startMockUpstream } from './mock-server.js';
export type {
  MockDialect,
  MockHttpError,
  MockScript,
  MockStreamError,
  MockToolCall,
  MockTurn,
  MockUpstream,
  MockUpstreamOptions,
  RecordedRequest,
} from './types.js';
export { refusedUrl, startSilentServer, type SilentServer } from './dead-endpoints.js';
