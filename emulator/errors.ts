// The error bodies QBO sends, shaped exactly as recorded (qbo-api.md §6; fixtures fault_*).
import { envelopeTime } from './wire.ts';

export type Answer = { status: number; body: string; headers?: Record<string, string> };

export type FaultSpec = {
  message: string;
  detail: string;
  code: string;
  element?: string;
  type?: string;
  status?: number;
};

/** Thrown inside request handling; the server turns it into the JSON Fault envelope. */
export class QboFault extends Error {
  constructor(readonly spec: FaultSpec) {
    super(spec.message);
  }
}

export function faultAnswer(spec: FaultSpec, nowMs: number): Answer {
  const error: Record<string, string> = {
    Message: spec.message,
    Detail: spec.detail,
    code: spec.code,
  };
  if (spec.element !== undefined) error.element = spec.element;
  const body = JSON.stringify({
    Fault: { Error: [error], type: spec.type ?? 'ValidationFault' },
    time: envelopeTime(nowMs),
  });
  return { status: spec.status ?? 400, body, headers: { 'content-type': 'application/json' } };
}

// --- the faults the emulator raises, with QBO's codes and wording.
export const invalidQuery = (detail: string): QboFault =>
  new QboFault({
    message: 'Invalid query',
    detail: `QueryValidationError: ${detail}`,
    code: '4001',
  });
export const parseError = (detail: string): QboFault =>
  new QboFault({ message: 'Invalid query', detail: `QueryParserError: ${detail}`, code: '4001' });
export const objectNotFound = (): QboFault =>
  new QboFault({
    message: 'Object Not Found',
    detail: `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`,
    code: '610',
    element: '',
  });
/** 5010 as recorded (fixture batch_response_with_faults.json, bid3): the detail names who saved first. */
export const staleObject = (otherUser: string): QboFault =>
  new QboFault({
    message: 'Stale Object Error',
    detail: `Stale Object Error : You and ${otherUser} were working on this at the same time. ${otherUser} finished before you did, so your work was not saved.`,
    code: '5010',
    element: '',
  });
export const requiredMissing = (field: string): QboFault =>
  new QboFault({
    message: 'Required param missing, need to supply the required value for the API',
    detail: `Required parameter ${field} is missing in the request`,
    code: '2020',
    element: field,
  });
export const invalidProperty = (detail: string): QboFault =>
  new QboFault({
    message: 'Request has invalid or unsupported property',
    detail: `Property Name:${detail} specified is unsupported or invalid`,
    code: '2010',
  });
export const invalidId = (value: string): QboFault =>
  new QboFault({
    message: 'Invalid ID',
    detail: `Id should be a valid number. Supplied value:${value}`,
    code: '2030',
    element: 'Id',
  });
export const invalidReference = (what: string, id: string): QboFault =>
  new QboFault({
    message: 'Invalid Reference Id',
    detail: `Invalid Reference Id : ${what} assigned to this transaction has been deleted. Before you can modify this transaction, you must restore ${what} (Id ${id}).`,
    code: '2500',
  });
export const duplicateName = (): QboFault =>
  new QboFault({
    message: 'Duplicate Name Exists Error',
    detail: 'The name supplied already exists. : null',
    code: '6240',
  });
export const businessRule = (detail: string): QboFault =>
  new QboFault({
    message: 'A business validation error has occurred while processing your request',
    detail: `Business Validation Error: ${detail}`,
    code: '6000',
    element: '',
  });
export const unsupportedOperation = (path: string): QboFault =>
  new QboFault({
    message: 'Unsupported Operation',
    detail: `Operation Could not find resource for relative : ${path} of full path: ${path} is not supported.`,
    code: '500',
  });
export const notAuthorizedForRealm = (): QboFault =>
  new QboFault({
    message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
    detail: '',
    code: '3100',
    type: 'AuthorizationFault',
    status: 403,
  });

/** HTTP 401, the lower-case envelope with epoch-millisecond time (fixture fault_auth_401_token_expired.json). */
export function unauthorized(detail: string | null, nowMs: number): Answer {
  const body =
    `{"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":${JSON.stringify(detail)},"code":"3200","element":null}],"type":"AUTHENTICATION"},` +
    `"report":null,"queryResponse":null,"batchItemResponse":[],"attachableResponse":[],"syncErrorResponse":null,"requestId":null,"time":${nowMs},"status":null,"cdcresponse":[]}`;
  return {
    status: 401,
    body,
    headers: {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"',
    },
  };
}

/** HTTP 429, XML even when JSON was asked for (fixture fault_throttle_429_xml.xml). */
export function throttled(nowMs: number): Answer {
  const body =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<IntuitResponse time="${envelopeTime(nowMs)}" xmlns="http://schema.intuit.com/finance/v3">\n` +
    `  <Fault type="SERVICE">\n    <Error code="3001">\n      <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>\n` +
    `      <Detail>The request limit was reached.  Try again later</Detail>\n    </Error>\n  </Fault>\n</IntuitResponse>\n`;
  return { status: 429, body, headers: { 'content-type': 'application/xml' } };
}

/** HTTP 500/503 for the injected server failures (a SystemFault as QBO's 5xx bodies carry). */
export function serverError(status: number, nowMs: number): Answer {
  return faultAnswer(
    {
      message: 'An application error has occurred while processing your request',
      detail: `System Failure Error: the service answered ${status}`,
      code: status === 503 ? '10001' : '10000',
      type: 'SystemFault',
      status,
    },
    nowMs,
  );
}
