export { errorCodes, type GatewayErrorCode } from './error-codes.js';
export { GatewayError, isGatewayError, toGatewayError, fromChunkError, type GatewayErrorInfo } from './gateway-error.js';
