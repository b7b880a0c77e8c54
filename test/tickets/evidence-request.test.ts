import { parseApiRequest, parseHttpResponse, type ApiRequestParse } from '../../tickets/evidence/index.js';

/** The excerpt as two lines: the offending line and a caret under the column. */
const excerpt = (line: string, column: number): string => `${line}\n${' '.repeat(column - 1)}^`;

describe('parseApiRequest: JSON that does not parse', () => {
  it.each<[string, string, number, number, string, string]>([
    [
      'a trailing comma on line 3 (pointed at the comma, not the brace after it)',
      '{\n  "name": "web-server",\n  "service": "Linux Compute",\n}\n',
      3,
      29,
      excerpt('  "service": "Linux Compute",', 29),
      "trailing comma before '}'",
    ],
    [
      'a missing comma between fields',
      '{\n  "name": "web-server"\n  "service": "Linux Compute"\n}',
      3,
      3,
      excerpt('  "service": "Linux Compute"', 3),
      "Expected ',' or '}' after property value",
    ],
    [
      'a single-quoted string (the engine gives no position)',
      "{\n  \"name\": 'web-server',\n  \"owner\": \"acme\"\n}",
      2,
      11,
      excerpt("  \"name\": 'web-server',", 11),
      'double quotes',
    ],
    [
      'input that ends too early, pointed just after the last character',
      '{\n  "name": "web-server",\n  "variables": [1, 2\n\n',
      3,
      21,
      excerpt('  "variables": [1, 2', 21),
      'ends too early',
    ],
    ['an unquoted key', '{\n  name: "web"\n}', 2, 3, excerpt('  name: "web"', 3), 'Expected property name'],
    ['a comment', '{\n  // the instance name\n  "name": "web"\n}', 2, 3, excerpt('  // the instance name', 3), 'Expected property name'],
    ['a trailing comma in an array (no position)', '[1, 2, ]', 1, 6, excerpt('[1, 2, ]', 6), "trailing comma before ']'"],
    ['undefined as a value', '{"name": undefined}', 1, 10, excerpt('{"name": undefined}', 10), "Unexpected token 'u'"],
    ['an unterminated string', '{"name": "web}', 1, 15, excerpt('{"name": "web}', 15), 'ends too early'],
    ['nothing after a colon', '{"name":', 1, 9, excerpt('{"name":', 9), 'ends too early'],
    ['a second closing brace', '{"name": "web"}}', 1, 16, excerpt('{"name": "web"}}', 16), 'Unexpected non-whitespace character'],
    ['CRLF line endings', '{\r\n  "name": "web",\r\n}\r\n', 2, 16, excerpt('  "name": "web",', 16), "trailing comma before '}'"],
    [
      'a raw HTTP request: lines count from the start of the body',
      'POST /services/instances HTTP/1.1\nHost: cam.example.com\nContent-Type: application/json\n\n{\n  "name": "web",\n}',
      2,
      16,
      excerpt('  "name": "web",', 16),
      "trailing comma before '}'",
    ],
    [
      'a JSON Content-Type over a body that is not JSON',
      'POST /services/instances HTTP/1.1\nContent-Type: application/json\n\nname=web&owner=acme',
      1,
      2,
      excerpt('name=web&owner=acme', 2),
      "Unexpected token 'a'",
    ],
    [
      'a curl -d body',
      `curl -X POST https://cam.example.com/services/instances -H 'Content-Type: application/json' -d '{"name": "web",}'`,
      1,
      15,
      excerpt('{"name": "web",}', 15),
      "trailing comma before '}'",
    ],
  ])('%s', (_name, text, line, column, expectedExcerpt, inMessage) => {
    const result = parseApiRequest(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line, column, excerpt: expectedExcerpt });
    expect(result.error.message).toContain(`line ${line}, column ${column}`);
    expect(result.error.message).toContain(inMessage);
  });

  it('keeps tabs in the caret line so the caret lines up under tab indentation', () => {
    const result = parseApiRequest("{\n\t\"name\": 'web'\n}");
    expect(result).toMatchObject({ ok: false, error: { line: 2, column: 10, excerpt: "\t\"name\": 'web'\n\t        ^" } });
  });

  it('shows a window of a long minified line, with the caret still under the error', () => {
    const fields = Array.from({ length: 60 }, (_, index) => `"field${index}":${index}`);
    const text = `{${fields.slice(0, 30).join(',')},,${fields.slice(30).join(',')}}`;
    const result = parseApiRequest(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [shown, caretLine] = result.error.excerpt.split('\n') as [string, string];
    expect(shown.length).toBeLessThanOrEqual(82);
    expect(shown.startsWith('…') && shown.endsWith('…')).toBe(true);
    const caret = caretLine.indexOf('^');
    expect(shown.slice(caret - 1, caret + 1)).toBe(',,');
    expect(result.error).toMatchObject({ line: 1, column: text.indexOf(',,') + 2 });
  });
});

describe('parseApiRequest: requests that parse', () => {
  const instanceBody = {
    schema: 'http://elasticbox.net/schemas/deploy-instance-request',
    owner: 'acme',
    name: 'web-server',
    box: { id: '4a1e2f3c-9b8d-4e7f-a6c5-1d2e3f4a5b6c' },
    policy_box: { id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' },
    instance_tags: ['production'],
    variables: [{ name: 'port', type: 'Port', value: '8080' }],
    automatic_updates: 'off',
    environment: 'prod',
    lease: { operation: 'shutdown', expire: '2024-04-01T00:00:00Z' },
    service: 'Linux Compute',
    interface: 'web',
  };
  const twelveFields =
    'JSON body with 12 fields (top-level keys: schema, owner, name, box, policy_box, instance_tags, variables, automatic_updates, environment, lease, …)';

  it.each<[string, string, Extract<ApiRequestParse, { ok: true }>]>([
    [
      'a pretty-printed JSON body',
      JSON.stringify(instanceBody, null, 2),
      { ok: true, format: 'json', body: instanceBody, findings: [twelveFields] },
    ],
    [
      'a raw HTTP request with CRLF line endings',
      'POST /services/instances HTTP/1.1\r\nHost: cam.example.com\r\nContent-Type: application/json\r\nElasticBox-Token: [REDACTED]\r\nElasticBox-Release: 4.0\r\n\r\n{"name": "web", "owner": "acme"}\r\n',
      {
        ok: true,
        format: 'http',
        method: 'POST',
        endpoint: '/services/instances',
        headers: { Host: 'cam.example.com', 'Content-Type': 'application/json', 'ElasticBox-Token': '[REDACTED]', 'ElasticBox-Release': '4.0' },
        body: { name: 'web', owner: 'acme' },
        findings: [
          'POST /services/instances',
          'Host: cam.example.com',
          'Headers: Host, Content-Type, ElasticBox-Token, ElasticBox-Release',
          'JSON body with 2 fields (top-level keys: name, owner)',
        ],
      },
    ],
    [
      'a GET request line with a query and no body',
      'GET /services/instances/i-3f9a2c?details=true HTTP/1.1\nAccept: application/json\n',
      {
        ok: true,
        format: 'http',
        method: 'GET',
        endpoint: '/services/instances/i-3f9a2c?details=true',
        headers: { Accept: 'application/json' },
        findings: ['GET /services/instances/i-3f9a2c?details=true', 'Headers: Accept'],
      },
    ],
    [
      'an absolute request target, and no blank line before the body',
      'PUT https://cam.example.com/services/instances/i-3f9a2c HTTP/1.1\nContent-Type: application/json\n{"name": "web-2"}',
      {
        ok: true,
        format: 'http',
        method: 'PUT',
        endpoint: '/services/instances/i-3f9a2c',
        headers: { 'Content-Type': 'application/json' },
        body: { name: 'web-2' },
        findings: [
          'PUT /services/instances/i-3f9a2c',
          'Host: cam.example.com',
          'Headers: Content-Type',
          'JSON body with 1 field (top-level keys: name)',
        ],
      },
    ],
    [
      'a multi-line bash curl command with a prompt',
      `$ curl -sS -X POST 'https://cam.example.com/services/instances' \\
    -H 'Content-Type: application/json' \\
    -H "ElasticBox-Token: [REDACTED]" \\
    -d '{
      "name": "web",
      "owner": "acme"
    }'`,
      {
        ok: true,
        format: 'curl',
        method: 'POST',
        endpoint: '/services/instances',
        headers: { 'Content-Type': 'application/json', 'ElasticBox-Token': '[REDACTED]' },
        body: { name: 'web', owner: 'acme' },
        findings: [
          'POST /services/instances',
          'Host: cam.example.com',
          'Headers: Content-Type, ElasticBox-Token',
          'JSON body with 2 fields (top-level keys: name, owner)',
        ],
      },
    ],
    [
      'a Windows cmd curl command with ^ continuations and escaped quotes',
      'curl -X PUT "https://cam.example.com/services/instances/i-3f9a2c" ^\r\n  -H "Content-Type: application/json" ^\r\n  -d "{\\"name\\": \\"web\\"}"',
      {
        ok: true,
        format: 'curl',
        method: 'PUT',
        endpoint: '/services/instances/i-3f9a2c',
        headers: { 'Content-Type': 'application/json' },
        body: { name: 'web' },
        findings: ['PUT /services/instances/i-3f9a2c', 'Host: cam.example.com', 'Headers: Content-Type', 'JSON body with 1 field (top-level keys: name)'],
      },
    ],
    [
      'a PowerShell curl.exe command with backtick continuations',
      "curl.exe -X DELETE `\n  https://cam.example.com/services/instances/i-3f9a2c `\n  -H 'ElasticBox-Token: [REDACTED]'",
      {
        ok: true,
        format: 'curl',
        method: 'DELETE',
        endpoint: '/services/instances/i-3f9a2c',
        headers: { 'ElasticBox-Token': '[REDACTED]' },
        findings: ['DELETE /services/instances/i-3f9a2c', 'Host: cam.example.com', 'Headers: ElasticBox-Token'],
      },
    ],
    [
      'curl -d with no -X and no Content-Type: POST, and the missing header noted',
      `curl https://cam.example.com/services/instances -d '{"name":"web"}'`,
      {
        ok: true,
        format: 'curl',
        method: 'POST',
        endpoint: '/services/instances',
        body: { name: 'web' },
        findings: [
          'POST /services/instances',
          'Host: cam.example.com',
          'JSON body with 1 field (top-level keys: name)',
          'JSON body sent without a JSON Content-Type (no Content-Type header)',
        ],
      },
    ],
    [
      'curl --json, which sets the Content-Type itself',
      `curl --json '{"name":"web"}' https://cam.example.com/services/instances`,
      {
        ok: true,
        format: 'curl',
        method: 'POST',
        endpoint: '/services/instances',
        headers: { 'Content-Type': 'application/json' },
        body: { name: 'web' },
        findings: ['POST /services/instances', 'Host: cam.example.com', 'Headers: Content-Type', 'JSON body with 1 field (top-level keys: name)'],
      },
    ],
    [
      'curl -d @file: the body was not pasted',
      `curl -X POST -H 'Content-Type: application/json' -d @instance.json https://cam.example.com/services/instances`,
      {
        ok: true,
        format: 'curl',
        method: 'POST',
        endpoint: '/services/instances',
        headers: { 'Content-Type': 'application/json' },
        findings: [
          'POST /services/instances',
          'Host: cam.example.com',
          'Headers: Content-Type',
          'Body read from the file instance.json, which was not included',
        ],
      },
    ],
    [
      'glued short options (-sSXPUT, -H without a space) and credentials with -u',
      `curl -sSXPUT -u admin:[REDACTED] -H'Accept: application/json' https://cam.example.com/services/boxes/b-1`,
      {
        ok: true,
        format: 'curl',
        method: 'PUT',
        endpoint: '/services/boxes/b-1',
        headers: { Accept: 'application/json' },
        findings: ['PUT /services/boxes/b-1', 'Host: cam.example.com', 'Headers: Accept', 'Credentials given with curl -u', 'No request body'],
      },
    ],
    [
      'several -d values, joined with & as curl does, in a form body',
      `curl https://cam.example.com/services/token -d grant_type=password -d username=ops`,
      {
        ok: true,
        format: 'curl',
        method: 'POST',
        endpoint: '/services/token',
        body: 'grant_type=password&username=ops',
        findings: ['POST /services/token', 'Host: cam.example.com', 'Body is not JSON (32 characters)'],
      },
    ],
    [
      'prose that is none of the formats',
      'The deploy fails with a 500 when I press Deploy on the web-server box.',
      { ok: true, format: 'text', findings: ['Not recognised as JSON, an HTTP request or a curl command'] },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseApiRequest(text)).toEqual(expected);
  });
});

describe('parseHttpResponse', () => {
  it.each<[string, string, { status?: number; reason?: string; findings: string[] }]>([
    [
      'a full response with a JSON error body',
      'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{"message": "Invalid value for variable \'port\'", "code": "invalid_request"}',
      {
        status: 400,
        reason: 'Bad Request',
        findings: ['Response status: 400 Bad Request', 'Response message: "Invalid value for variable \'port\'"', 'Response code: "invalid_request"'],
      },
    ],
    [
      'a bare status code followed by a nested cloud error',
      '403\n{"error": {"code": "AuthorizationFailed", "message": "The client does not have authorization to perform action"}}',
      {
        status: 403,
        reason: 'Forbidden',
        findings: [
          'Response status: 403 Forbidden',
          'Response error.code: "AuthorizationFailed"',
          'Response error.message: "The client does not have authorization to perform action"',
        ],
      },
    ],
    ['just "500"', '500', { status: 500, reason: 'Internal Server Error', findings: ['Response status: 500 Internal Server Error'] }],
    ['"Status: 404 Not Found"', 'Status: 404 Not Found', { status: 404, reason: 'Not Found', findings: ['Response status: 404 Not Found'] }],
    [
      'a JSON body carrying its own status',
      '{"status": 503, "error": "Service Unavailable", "message": "Provider account is being synchronised"}',
      {
        status: 503,
        reason: 'Service Unavailable',
        findings: [
          'Response status: 503 Service Unavailable',
          'Response error: "Service Unavailable"',
          'Response message: "Provider account is being synchronised"',
        ],
      },
    ],
    [
      'an errors array',
      'HTTP/2 422\n\n{"errors": [{"detail": "name is required"}, {"detail": "box is required"}]}',
      {
        status: 422,
        reason: 'Unprocessable Entity',
        findings: ['Response status: 422 Unprocessable Entity', 'Response errors.0.detail: "name is required"', 'Response errors.1.detail: "box is required"'],
      },
    ],
    [
      'an HTML error page, read by its title',
      'HTTP/1.1 502 Bad Gateway\nContent-Type: text/html\n\n<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
      { status: 502, reason: 'Bad Gateway', findings: ['Response status: 502 Bad Gateway', 'Response body: "502 Bad Gateway"'] },
    ],
    [
      'a JSON body with no error fields',
      'HTTP/1.1 200 OK\n\n{"id": "i-3f9a2c", "state": "processing"}',
      { status: 200, reason: 'OK', findings: ['Response status: 200 OK', 'Response JSON body with 2 fields (top-level keys: id, state)'] },
    ],
    [
      'a body announced as JSON that is not',
      'HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\nInternal error, please retry',
      { status: 500, reason: 'Internal Server Error', findings: ['Response status: 500 Internal Server Error', 'Response body: "Internal error, please retry"'] },
    ],
    ['nothing at all', '  \n', { findings: ['No HTTP status or error body recognised'] }],
  ])('%s', (_name, text, expected) => {
    const result = parseHttpResponse(text);
    expect({ status: result.status, reason: result.reason, findings: result.findings }).toEqual({
      status: expected.status,
      reason: expected.reason,
      findings: expected.findings,
    });
  });

  it('keeps the parsed JSON body', () => {
    expect(parseHttpResponse('HTTP/1.1 409 Conflict\n\n{"message": "Name already in use"}').body).toEqual({ message: 'Name already in use' });
  });
});
