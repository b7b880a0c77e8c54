import { describeRedactions, looksLikeSecretKey, mergeCounts, redact, redactDeep } from '../../tickets/redaction/index.js';
import { REDACTION_RULES } from '../../tickets/redaction/rules.js';

// Every value below is fake: AWS's documented example keys, the public Azurite development
// storage key, and tokens made up for these tests.
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const JWT = [
  base64url('{"alg":"HS256","typ":"JWT"}'),
  base64url('{"sub":"1234567890","name":"Alice","iat":1516239022}'),
  base64url('not-a-real-signature-0123456789'),
].join('.');
const AWS_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SESSION_KEY = 'ASIAIOSFODNN7EXAMPLE';
const AWS_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const STORAGE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const SAS_SIG = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy%2BYmF6cQ%3D';
const AZURE_CLIENT_SECRET = 'Xyz8Q~FakeSecret_Value.For-Tests01234567';
const OPAQUE_TOKEN = '8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f';
const BASIC = Buffer.from('alice:hunter2').toString('base64');
const PRIVATE_KEY_BODY = ['MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF', 'Fq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGwEby8vdM02xNOcqFlqUwJPLlmEt'];
const pem = (label: string) => [`-----BEGIN ${label}-----`, ...PRIVATE_KEY_BODY, `-----END ${label}-----`].join('\n');

interface Case {
  name: string;
  input: string;
  /** substrings that must be gone from the output */
  secrets: string[];
  counts: Record<string, number>;
  /** substrings the output must still hold: markers and the text around them */
  kept?: string[];
}

const CASES: Case[] = [
  // private-key
  { name: 'an RSA private key', input: `key:\n${pem('RSA PRIVATE KEY')}\nend`, secrets: PRIVATE_KEY_BODY, counts: { 'private-key': 1 }, kept: ['key:\n[REDACTED:private-key]\nend'] },
  { name: 'a PKCS#8 private key', input: pem('PRIVATE KEY'), secrets: PRIVATE_KEY_BODY, counts: { 'private-key': 1 } },
  { name: 'an EC private key', input: pem('EC PRIVATE KEY'), secrets: PRIVATE_KEY_BODY, counts: { 'private-key': 1 } },
  { name: 'an OpenSSH private key', input: pem('OPENSSH PRIVATE KEY'), secrets: PRIVATE_KEY_BODY, counts: { 'private-key': 1 } },
  { name: 'an encrypted private key', input: pem('ENCRYPTED PRIVATE KEY'), secrets: PRIVATE_KEY_BODY, counts: { 'private-key': 1 } },
  {
    name: 'a legacy encrypted RSA key with headers',
    input: ['-----BEGIN RSA PRIVATE KEY-----', 'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,8F3C9A7E1B2D4C6F', '', ...PRIVATE_KEY_BODY, '-----END RSA PRIVATE KEY-----'].join('\n'),
    secrets: [...PRIVATE_KEY_BODY, 'DEK-Info'],
    counts: { 'private-key': 1 },
  },
  {
    name: 'a private key escaped inside a JSON string',
    input: JSON.stringify({ privateKey: pem('PRIVATE KEY'), user: 'alice' }),
    secrets: PRIVATE_KEY_BODY,
    counts: { 'private-key': 1 },
    kept: ['"user":"alice"'],
  },
  {
    name: 'a truncated private key with no END line',
    input: `-----BEGIN PRIVATE KEY-----\n${PRIVATE_KEY_BODY[0]}\n\nand then it failed.`,
    secrets: [PRIVATE_KEY_BODY[0] ?? ''],
    counts: { 'private-key': 1 },
    kept: ['it failed.'],
  },
  // jwt
  { name: 'a JWT in prose', input: `the id token was ${JWT} until it expired`, secrets: [JWT], counts: { jwt: 1 }, kept: ['the id token was [REDACTED:jwt] until it expired'] },
  { name: 'a JWT in a URL fragment', input: `https://app.example.com/#id_token=${JWT}&state=abc`, secrets: [JWT], counts: { jwt: 1 }, kept: ['&state=abc'] },
  // authorization
  {
    name: 'a Bearer Authorization header',
    input: `Authorization: Bearer ${OPAQUE_TOKEN}`,
    secrets: [OPAQUE_TOKEN],
    counts: { 'bearer-token': 1 },
    kept: ['Authorization: Bearer [REDACTED:bearer-token]'],
  },
  {
    name: 'a JWT as an Authorization header (the header rule runs first)',
    input: `authorization: bearer ${JWT}`,
    secrets: [JWT],
    counts: { 'bearer-token': 1 },
    kept: ['authorization: bearer [REDACTED:bearer-token]'],
  },
  {
    name: 'a Basic Proxy-Authorization header',
    input: `Proxy-Authorization: Basic ${BASIC}`,
    secrets: [BASIC],
    counts: { 'basic-credentials': 1 },
    kept: ['Proxy-Authorization: Basic [REDACTED:basic-credentials]'],
  },
  {
    name: 'a Digest Authorization header in a curl command',
    input: `curl -H 'Authorization: Digest username="alice", realm="api", response="6629fae49393a05397450978507c4ef1"' https://api.example.com/v1/boxes`,
    secrets: ['6629fae49393a05397450978507c4ef1'],
    counts: { authorization: 1 },
    kept: [`curl -H 'Authorization: Digest [REDACTED:authorization]' https://api.example.com/v1/boxes`],
  },
  {
    name: 'an AWS Signature Version 4 Authorization header',
    input: `Authorization: AWS4-HMAC-SHA256 Credential=${AWS_ACCESS_KEY}/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024`,
    secrets: [AWS_ACCESS_KEY, 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024'],
    counts: { authorization: 1 },
    kept: ['Authorization: AWS4-HMAC-SHA256 [REDACTED:authorization]'],
  },
  {
    name: 'an Azure Storage SharedKey Authorization header',
    input: 'Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=',
    secrets: ['ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08='],
    counts: { authorization: 1 },
    kept: ['Authorization: SharedKey [REDACTED:authorization]'],
  },
  {
    name: 'an Authorization header without a scheme',
    input: `Authorization: ${OPAQUE_TOKEN}\nAccept: */*`,
    secrets: [OPAQUE_TOKEN],
    counts: { authorization: 1 },
    kept: ['Authorization: [REDACTED:authorization]\nAccept: */*'],
  },
  {
    name: 'an Authorization header in a JSON map of headers',
    input: `{"Authorization": "Basic ${BASIC}", "Accept": "application/json"}`,
    secrets: [BASIC],
    counts: { 'basic-credentials': 1 },
    kept: ['"Authorization": "Basic [REDACTED:basic-credentials]"', '"Accept": "application/json"'],
  },
  {
    name: 'a logged Python request with the CRLFs written out',
    input: `send: b'GET /v1 HTTP/1.1\\r\\nHost: api.example.com\\r\\nAuthorization: Basic ${BASIC}\\r\\nAccept: */*\\r\\n\\r\\n'`,
    secrets: [BASIC],
    counts: { 'basic-credentials': 1 },
    kept: ['\\r\\nAuthorization: Basic [REDACTED:basic-credentials]\\r\\nAccept: */*\\r\\n'],
  },
  {
    name: 'an Authorization f-string in a Python dict of headers',
    input: 'requests.get(url, headers={"Authorization": f"Bearer {tok}", "Accept": "application/json"})',
    secrets: ['{tok}'],
    counts: { 'bearer-token': 1 },
    kept: ['{"Authorization": f"Bearer [REDACTED:bearer-token]", "Accept": "application/json"})'],
  },
  // bearer-token
  { name: 'a bare Bearer token', input: `retrying with Bearer ${OPAQUE_TOKEN} now`, secrets: [OPAQUE_TOKEN], counts: { 'bearer-token': 1 }, kept: ['retrying with Bearer [REDACTED:bearer-token] now'] },
  { name: 'a bare Bearer JWT', input: `Bearer ${JWT}`, secrets: [JWT], counts: { jwt: 1 }, kept: ['Bearer [REDACTED:jwt]'] },
  // aws-access-key
  { name: 'an AWS access key id', input: `aws_access_key_id = ${AWS_ACCESS_KEY}`, secrets: [AWS_ACCESS_KEY], counts: { 'aws-access-key': 1 }, kept: ['aws_access_key_id = [REDACTED:aws-access-key]'] },
  { name: 'an AWS temporary access key id', input: `"AccessKeyId": "${AWS_SESSION_KEY}"`, secrets: [AWS_SESSION_KEY], counts: { 'aws-access-key': 1 } },
  // aws-secret-key
  {
    name: 'an AWS secret key in a credentials file',
    input: `[default]\naws_access_key_id = ${AWS_ACCESS_KEY}\naws_secret_access_key = ${AWS_SECRET_KEY}\nregion = eu-west-1`,
    secrets: [AWS_ACCESS_KEY, AWS_SECRET_KEY],
    counts: { 'aws-access-key': 1, 'aws-secret-key': 1 },
    kept: ['aws_secret_access_key = [REDACTED:aws-secret-key]\nregion = eu-west-1'],
  },
  {
    name: 'an AWS secret key in STS JSON output',
    input: `{"Credentials": {"AccessKeyId": "${AWS_SESSION_KEY}", "SecretAccessKey": "${AWS_SECRET_KEY}", "Expiration": "2024-01-01T00:00:00Z"}}`,
    secrets: [AWS_SESSION_KEY, AWS_SECRET_KEY],
    counts: { 'aws-access-key': 1, 'aws-secret-key': 1 },
    kept: ['"SecretAccessKey": "[REDACTED:aws-secret-key]"', '"Expiration": "2024-01-01T00:00:00Z"'],
  },
  { name: 'an AWS secret key as an environment variable', input: `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_KEY}`, secrets: [AWS_SECRET_KEY], counts: { 'aws-secret-key': 1 } },
  { name: 'an AWS secret key under a secretKey name', input: `secretKey: "${AWS_SECRET_KEY}"`, secrets: [AWS_SECRET_KEY], counts: { 'aws-secret-key': 1 } },
  // azure-storage-key
  {
    name: 'a storage account connection string',
    input: `DefaultEndpointsProtocol=https;AccountName=camstorage;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`,
    secrets: [STORAGE_KEY],
    counts: { 'azure-storage-key': 1 },
    kept: ['AccountName=camstorage;AccountKey=[REDACTED:azure-storage-key];EndpointSuffix=core.windows.net'],
  },
  {
    name: 'a storage key listed by the Azure CLI',
    input: `[{"keyName": "key1", "permissions": "FULL", "value": "${STORAGE_KEY}"}]`,
    secrets: [STORAGE_KEY],
    counts: { 'azure-storage-key': 1 },
    kept: ['"keyName": "key1"'],
  },
  { name: 'a storage key in an env file', input: `AZURE_STORAGE_KEY=${STORAGE_KEY}`, secrets: [STORAGE_KEY], counts: { 'azure-storage-key': 1 } },
  // azure-sas-signature
  {
    name: 'a blob SAS URL',
    input: `GET https://camstorage.blob.core.windows.net/logs/agent.log?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-01-01T00:00:00Z&spr=https&sig=${SAS_SIG} 403`,
    secrets: [SAS_SIG],
    counts: { 'azure-sas-signature': 1 },
    kept: ['?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-01-01T00:00:00Z&spr=https&sig=[REDACTED:azure-sas-signature] 403'],
  },
  {
    name: 'a Service Bus SAS token',
    input: 'SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net&sig=bX1kZ2VzdC1mYWtlLXNpZ25hdHVyZS0wMTIzNDU2Nzg5YQ%3d%3d&se=1700000000&skn=RootManageSharedAccessKey',
    secrets: ['bX1kZ2VzdC1mYWtlLXNpZ25hdHVyZS0wMTIzNDU2Nzg5YQ'],
    counts: { 'azure-sas-signature': 1 },
    kept: ['&se=1700000000&skn=RootManageSharedAccessKey'],
  },
  // azure-client-secret
  {
    name: 'a client secret in a token request body',
    input: 'client_id=00000000-0000-0000-0000-000000000000&client_secret=not-the-new-format-secret&grant_type=client_credentials',
    secrets: ['not-the-new-format-secret'],
    counts: { 'azure-client-secret': 1 },
    kept: ['client_id=00000000-0000-0000-0000-000000000000&client_secret=[REDACTED:azure-client-secret]&grant_type=client_credentials'],
  },
  { name: 'a clientSecret in JSON', input: `{"clientId": "app", "clientSecret": "${AZURE_CLIENT_SECRET}"}`, secrets: [AZURE_CLIENT_SECRET], counts: { 'azure-client-secret': 1 }, kept: ['"clientId": "app"'] },
  { name: 'an AZURE_CLIENT_SECRET variable', input: `AZURE_CLIENT_SECRET=${AZURE_CLIENT_SECRET}`, secrets: [AZURE_CLIENT_SECRET], counts: { 'azure-client-secret': 1 } },
  {
    name: 'a client secret by its format alone',
    input: `az login --service-principal -u app -p ${AZURE_CLIENT_SECRET} --tenant contoso`,
    secrets: [AZURE_CLIENT_SECRET],
    counts: { 'azure-client-secret': 1 },
    kept: ['-p [REDACTED:azure-client-secret] --tenant contoso'],
  },
  // connection-string
  {
    name: 'a SQL Server connection string',
    input: 'Server=tcp:cam.database.windows.net,1433;Initial Catalog=boxes;User ID=camadmin;Password=P@ssw0rd!2024;Encrypt=True;',
    secrets: ['P@ssw0rd!2024'],
    counts: { 'connection-string': 1 },
    kept: ['User ID=camadmin;Password=[REDACTED:connection-string];Encrypt=True;'],
  },
  { name: 'an ODBC connection string ending in Pwd', input: 'Driver={ODBC Driver 18};Server=db;Uid=cam;Pwd=s3cr3t-odbc', secrets: ['s3cr3t-odbc'], counts: { 'connection-string': 1 }, kept: ['Uid=cam;Pwd=[REDACTED:connection-string]'] },
  {
    name: 'a Service Bus connection string',
    input: 'Endpoint=sb://cam.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0LXNlcnZpY2UtYnVzLWtleS0wMTIzNDU2Nzg=',
    secrets: ['c2VjcmV0LXNlcnZpY2UtYnVzLWtleS0wMTIzNDU2Nzg='],
    counts: { 'connection-string': 1 },
    kept: ['SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[REDACTED:connection-string]'],
  },
  // url-credentials
  { name: 'a postgres URL', input: 'DATABASE_URL=postgres://cam:pg-s3cret@db.example.com:5432/cam', secrets: ['pg-s3cret'], counts: { 'url-credentials': 1 }, kept: ['postgres://cam:[REDACTED:url-credentials]@db.example.com:5432/cam'] },
  { name: 'a password with an unencoded @', input: 'https://alice:p@ss@proxy.example.com:3128/', secrets: ['p@ss'], counts: { 'url-credentials': 1 }, kept: ['https://alice:[REDACTED:url-credentials]@proxy.example.com:3128/'] },
  { name: 'a Redis URL with no user', input: 'rediss://:redis-s3cret@cache.example.com:6380', secrets: ['redis-s3cret'], counts: { 'url-credentials': 1 }, kept: ['rediss://:[REDACTED:url-credentials]@cache.example.com'] },
  // basic-credentials
  {
    name: 'curl -u user:password',
    input: 'curl -u admin:hunter2 https://api.example.com/v1/boxes',
    secrets: ['hunter2'],
    counts: { 'basic-credentials': 1 },
    kept: ['curl -u admin:[REDACTED:basic-credentials] https://api.example.com/v1/boxes'],
  },
  {
    name: 'curl --user with a quoted password holding a blank',
    input: `curl --user 'admin:hunter2 two' -X GET https://api.example.com`,
    secrets: ['hunter2', 'two'],
    counts: { 'basic-credentials': 1 },
    kept: [`curl --user 'admin:[REDACTED:basic-credentials]' -X GET https://api.example.com`],
  },
  {
    name: 'curl -U proxy credentials in double quotes',
    input: 'curl -U "proxy:pr0xy-pass" https://api.example.com',
    secrets: ['pr0xy-pass'],
    counts: { 'basic-credentials': 1 },
    kept: ['-U "proxy:[REDACTED:basic-credentials]" https://'],
  },
  // token-param
  {
    name: 'tokens in a query string',
    input: 'GET https://api.example.com/v1/boxes?access_token=tok-0123456789&page=2&api_key=k-0123456789',
    secrets: ['tok-0123456789', 'k-0123456789'],
    counts: { 'token-param': 2 },
    kept: ['?access_token=[REDACTED:token-param]&page=2&api_key=[REDACTED:token-param]'],
  },
  { name: 'an OAuth code in a redirect', input: 'https://bot.example.com/callback?code=0.AXoA-fake-code&state=xyz', secrets: ['0.AXoA-fake-code'], counts: { 'token-param': 1 }, kept: ['&state=xyz'] },
  { name: 'a password in a form body', input: 'grant_type=password&username=alice&password=hunter2', secrets: ['hunter2'], counts: { 'token-param': 1 }, kept: ['grant_type=password&username=alice&password=[REDACTED:token-param]'] },
  { name: 'a form body that starts with the password', input: 'password=hunter2&username=alice', secrets: ['hunter2'], counts: { 'token-param': 1 }, kept: ['&username=alice'] },
  { name: 'a sig that is not a SAS signature', input: 'https://hooks.example.com/in?sig=abc123&id=7', secrets: ['abc123'], counts: { 'token-param': 1 }, kept: ['&id=7'] },
  { name: 'an AWS presigned URL', input: `https://b.s3.amazonaws.com/k?X-Amz-Credential=${AWS_ACCESS_KEY}%2F20240101&X-Amz-Signature=0123abcd4567`, secrets: [AWS_ACCESS_KEY, '0123abcd4567'], counts: { 'aws-access-key': 1, 'token-param': 1 } },
  {
    name: 'a SharePoint tempauth download token',
    input: 'https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=1a2b&tempauth=v1.eyJzaXRlaWQiOiIxMjM0NTY3ODkwIn0&ApiVersion=2.0',
    secrets: ['eyJzaXRlaWQiOiIxMjM0NTY3ODkwIn0'],
    counts: { 'token-param': 1 },
    kept: ['?UniqueId=1a2b&tempauth=[REDACTED:token-param]&ApiVersion=2.0'],
  },
  // secret-field
  {
    name: 'passwords and keys in JSON',
    input: '{"username": "alice", "password": "hunter2", "apiKey": "k-123", "region": "eu-west-1"}',
    secrets: ['hunter2', 'k-123'],
    counts: { 'secret-field': 2 },
    kept: ['"username": "alice"', '"password": "[REDACTED:secret-field]"', '"region": "eu-west-1"'],
  },
  { name: 'an unquoted value at the end of a JSON object', input: '{"clientSecret":null,"apiKey":k-123}', secrets: ['k-123'], counts: { 'secret-field': 1 }, kept: ['{"clientSecret":null,"apiKey":"[REDACTED:secret-field]"}'] },
  { name: 'a numeric password in JSON', input: '{"password": 123456, "port": 8080}', secrets: ['123456'], counts: { 'secret-field': 1 }, kept: ['"password": "[REDACTED:secret-field]"', '"port": 8080'] },
  { name: 'YAML fields', input: 'db:\n  user: cam\n  db_password: hunter2\n  session_token: "abc-def"\n', secrets: ['hunter2', 'abc-def'], counts: { 'secret-field': 2 }, kept: ['user: cam', 'db_password: [REDACTED:secret-field]'] },
  { name: 'an env file', input: 'MicrosoftAppId=1234\nMicrosoftAppPassword=app-pass-word\nPORT=3978', secrets: ['app-pass-word'], counts: { 'secret-field': 1 }, kept: ['MicrosoftAppId=1234\n', '\nPORT=3978'] },
  { name: 'an ini section', input: '[proxy]\nhost = proxy.local\npasswd = pr0xy-pass\n', secrets: ['pr0xy-pass'], counts: { 'secret-field': 1 }, kept: ['host = proxy.local'] },
  {
    name: 'an API key header',
    input: 'X-Api-Key: 5f3c9a7e-1b2d\nOcp-Apim-Subscription-Key: 0a1b2c3d\nx-functions-key: fn-k3y-0123',
    secrets: ['5f3c9a7e-1b2d', '0a1b2c3d', 'fn-k3y-0123'],
    counts: { 'secret-field': 3 },
    kept: ['X-Api-Key: [REDACTED:secret-field]\nOcp-Apim-Subscription-Key: [REDACTED:secret-field]\nx-functions-key: [REDACTED:secret-field]'],
  },
  {
    name: 'an API key header in single quotes in a curl command',
    input: `curl -X POST -H 'X-Api-Key: abc' -H 'Content-Type: application/json' https://example.com/boxes -d '{"name":"x"}'`,
    secrets: ['abc'],
    counts: { 'secret-field': 1 },
    kept: [`curl -X POST -H 'X-Api-Key: [REDACTED:secret-field]' -H 'Content-Type: application/json' https://example.com/boxes -d '{"name":"x"}'`],
  },
  {
    name: 'two secret headers in double quotes in a curl command',
    input: 'curl -H "X-Api-Key: k-1, k-2" -H "Cookie: sid=1; theme=dark" https://example.com',
    secrets: ['k-1', 'k-2', 'sid=1', 'theme=dark'],
    counts: { 'secret-field': 2 },
    kept: ['curl -H "X-Api-Key: [REDACTED:secret-field]" -H "Cookie: [REDACTED:secret-field]" https://example.com'],
  },
  {
    name: 'unquoted values with commas, ampersands and apostrophes after a colon',
    input: "Password: abc,def\npassword: my&pass\npassword: it's-me;ok",
    secrets: ['abc', 'def', 'my', '&pass', "it's-me", 'ok'],
    counts: { 'secret-field': 3 },
    kept: ['Password: [REDACTED:secret-field]\npassword: [REDACTED:secret-field]\npassword: [REDACTED:secret-field]'],
  },
  {
    name: 'secrets in a web.config',
    input: '<appSettings>\n  <add key="ida:ClientSecret" value="web-c0nfig-secret" />\n  <add key="Region" value="eu-west-1" />\n</appSettings>\n<password>xml-p@ss</password>',
    secrets: ['web-c0nfig-secret', 'xml-p@ss'],
    counts: { 'secret-field': 2 },
    kept: ['<add key="ida:ClientSecret" value="[REDACTED:secret-field]" />', '<add key="Region" value="eu-west-1" />', '<password>[REDACTED:secret-field]</password>'],
  },
  { name: 'a PASS variable', input: 'DB_HOST=db\nDB_PASS=pg-pass-0123\nBYPASS=all', secrets: ['pg-pass-0123'], counts: { 'secret-field': 1 }, kept: ['DB_PASS=[REDACTED:secret-field]', 'BYPASS=all'] },
  {
    name: 'secret command-line options',
    input: "az sql server create --admin-user cam --admin-password 'S3cret pw' --name db\nmysql --password -h db\ntool --client-secret cl1ent-s3cret --verbose",
    secrets: ['S3cret', 'cl1ent-s3cret'],
    counts: { 'secret-field': 2 },
    kept: ["--admin-password '[REDACTED:secret-field]' --name db", 'mysql --password -h db', 'tool --client-secret [REDACTED:secret-field] --verbose'],
  },
  {
    name: 'an az login password',
    input: 'az login -u alice@contoso.com -p Azur3-P@ss --tenant contoso\nmkdir -p /var/log/elasticbox',
    secrets: ['Azur3-P@ss'],
    counts: { 'secret-field': 1 },
    kept: ['az login -u alice@contoso.com -p [REDACTED:secret-field] --tenant contoso', 'mkdir -p /var/log/elasticbox'],
  },
  {
    name: 'a Python f-string under a secret key',
    input: `{"password": f"{pw}-suffix", "user": 'bob'}`,
    secrets: ['{pw}-suffix'],
    counts: { 'secret-field': 1 },
    kept: [`{"password": f"[REDACTED:secret-field]", "user": 'bob'}`],
  },
  { name: 'key names with spaces', input: 'Storage Account Key: st0rage-key\nConnection String: Server=x', secrets: ['st0rage-key', 'Server=x'], counts: { 'secret-field': 2 } },
  { name: 'a client secret named in words', input: 'Azure client secret: hunter2-client', secrets: ['hunter2-client'], counts: { 'azure-client-secret': 1 } },
  { name: 'a Cookie header', input: 'Cookie: ASP.NET_SessionId=abc123; theme=dark', secrets: ['abc123', 'theme=dark'], counts: { 'secret-field': 1 }, kept: ['Cookie: [REDACTED:secret-field]'] },
  {
    name: 'an ARM template parameter',
    input: '"parameters": {\n  "adminUsername": { "value": "cam" },\n  "adminPassword": { "value": "Arm-P@ss1" }\n}',
    secrets: ['Arm-P@ss1'],
    counts: { 'secret-field': 1 },
    kept: ['"adminUsername": { "value": "cam" }', '"adminPassword": { "value": "[REDACTED:secret-field]" }'],
  },
  { name: 'a JSON body escaped inside a JSON string', input: '{"body": "{\\"password\\": \\"hunter2\\", \\"user\\": \\"bob\\"}"}', secrets: ['hunter2'], counts: { 'secret-field': 1 }, kept: ['\\"user\\": \\"bob\\"'] },
  { name: 'a Set-Cookie array', input: `{"set-cookie": ["sid=abc123; HttpOnly", "csrf=def456"], "status": 200}`, secrets: ['abc123', 'def456'], counts: { 'secret-field': 2 }, kept: ['"status": 200'] },
];

describe('redact', () => {
  it.each(CASES)('hides $name', ({ input, secrets, counts, kept }) => {
    const result = redact(input);
    for (const secret of secrets) expect(result.text).not.toContain(secret);
    expect(result.counts).toEqual(counts);
    for (const text of kept ?? []) expect(result.text).toContain(text);
  });

  it.each(CASES)('lets $name through the hint of every rule that matches it', ({ input }) => {
    // a hint is a shortcut: text without it skips the rule, so it must be in every match
    const matching = REDACTION_RULES.filter((rule) => new RegExp(rule.pattern.source, rule.pattern.flags).test(input));
    expect(matching.length).toBeGreaterThan(0);
    for (const rule of matching) if (rule.hint) expect({ type: rule.type, hinted: rule.hint.test(input) }).toEqual({ type: rule.type, hinted: true });
  });

  it.each(CASES)('leaves $name unchanged the second time, with no counts', ({ input }) => {
    const once = redact(input).text;
    expect(redact(once)).toEqual({ text: once, counts: {} });
  });

  it('keeps a JSON body parseable, secrets hidden and everything else as it was', () => {
    const body = {
      username: 'alice',
      password: 'hunter2',
      pin: 1234,
      apiKey: 987654321,
      region: 'eu-west-1',
      token_type: 'Bearer',
      tokenExpiry: 3600,
      passwordPolicy: 'strict',
      clientSecret: null,
      callback: `https://bot.example.com/cb?code=abc123&state=s1`,
      auth: { accessToken: JWT, refresh_token: 'rt-0123456789', scopes: ['read', 'write'] },
      storage: `DefaultEndpointsProtocol=https;AccountName=cam;AccountKey=${STORAGE_KEY}`,
    };
    for (const json of [JSON.stringify(body), JSON.stringify(body, null, 2)]) {
      const { text, counts } = redact(json);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(parsed).toEqual({
        ...body,
        password: '[REDACTED:secret-field]',
        apiKey: '[REDACTED:secret-field]',
        callback: 'https://bot.example.com/cb?code=[REDACTED:token-param]&state=s1',
        auth: { accessToken: '[REDACTED:jwt]', refresh_token: '[REDACTED:secret-field]', scopes: ['read', 'write'] },
        storage: 'DefaultEndpointsProtocol=https;AccountName=cam;AccountKey=[REDACTED:azure-storage-key]',
      });
      expect(counts).toEqual({ 'secret-field': 3, jwt: 1, 'token-param': 1, 'azure-storage-key': 1 });
    }
  });

  it('redacts a raw HTTP request and leaves the request line, the other headers and the rest of the body', () => {
    const request = [
      'POST /services/instances HTTP/1.1',
      'Host: cam.ctl.io',
      `Authorization: Bearer ${OPAQUE_TOKEN}`,
      'Cookie: sessionid=0123456789abcdef; csrftoken=fedcba9876543210',
      'Content-Type: application/json',
      'Content-Length: 68',
      '',
      '{"username": "alice", "password": "hunter2", "region": "eu-west-1"}',
    ].join('\r\n');
    const { text, counts } = redact(request);
    expect(text).toBe(
      [
        'POST /services/instances HTTP/1.1',
        'Host: cam.ctl.io',
        'Authorization: Bearer [REDACTED:bearer-token]',
        'Cookie: [REDACTED:secret-field]',
        'Content-Type: application/json',
        'Content-Length: 68',
        '',
        '{"username": "alice", "password": "[REDACTED:secret-field]", "region": "eu-west-1"}',
      ].join('\r\n'),
    );
    expect(counts).toEqual({ 'bearer-token': 1, 'secret-field': 2 });
    expect(JSON.parse(text.split('\r\n\r\n')[1] ?? '')).toEqual({ username: 'alice', password: '[REDACTED:secret-field]', region: 'eu-west-1' });
  });

  it('redacts the token in elasticbox-agent log lines and keeps the rest of each line', () => {
    const log = [
      '2024-03-11 09:42:17,305 INFO  [elasticbox.agent] Agent 4.1.2 starting on i-0abc123def4567890',
      '2024-03-11 09:42:17,912 DEBUG [elasticbox.agent] Connecting to wss://cam.ctl.io/services/agents/socket?instance=i-0abc123def4567890&token=4f9c2b7e1a8d4c3b9e6f0a2d5c7b1e8f',
      '2024-03-11 09:42:18,001 DEBUG [elasticbox.agent] registration response {"agent_token": "9d8c7b6a-5f4e-3d2c-1b0a-fedcba987654", "instance_id": "i-0abc123def4567890"}',
      '2024-03-11 09:42:19,440 ERROR [elasticbox.agent] HTTP 401 from https://cam.ctl.io/services/boxes: the token expired',
    ].join('\n');
    const { text, counts } = redact(log);
    expect(text).not.toContain('4f9c2b7e1a8d4c3b9e6f0a2d5c7b1e8f');
    expect(text).not.toContain('9d8c7b6a-5f4e-3d2c-1b0a-fedcba987654');
    expect(text.split('\n')).toEqual([
      '2024-03-11 09:42:17,305 INFO  [elasticbox.agent] Agent 4.1.2 starting on i-0abc123def4567890',
      '2024-03-11 09:42:17,912 DEBUG [elasticbox.agent] Connecting to wss://cam.ctl.io/services/agents/socket?instance=i-0abc123def4567890&token=[REDACTED:token-param]',
      '2024-03-11 09:42:18,001 DEBUG [elasticbox.agent] registration response {"agent_token": "[REDACTED:secret-field]", "instance_id": "i-0abc123def4567890"}',
      '2024-03-11 09:42:19,440 ERROR [elasticbox.agent] HTTP 401 from https://cam.ctl.io/services/boxes: the token expired',
    ]);
    expect(counts).toEqual({ 'token-param': 1, 'secret-field': 1 });
  });

  it('keeps text that only talks about secrets', () => {
    // The policy: a secret needs a recognisable format or a "name: value" shape. Prose that
    // mentions tokens and passwords stays as written, even "my password is hunter2" (a
    // false negative we accept over mangling every support conversation).
    const prose = [
      'the token expired yesterday and the bearer token was refused',
      'Use Bearer authentication with a token from the portal.',
      'Please reset my password, my password is hunter2',
      'See https://docs.example.com/guide?page=2#tokens and https://cam.ctl.io/#/boxes',
      'token_type: Bearer, expires_in: 3600, tokenExpiry: 3600, passwordPolicy: strict, max_tokens: 5',
      '"keyName": "key1", "secretName": "kv-secret-name", "region": "eu-west-1", "username": "alice"',
      'Run: sudo tail -f /var/log/elasticbox/elasticbox-agent.log',
      '"password": "", "clientSecret": null, "token": true',
    ].join('\n');
    expect(redact(prose)).toEqual({ text: prose, counts: {} });
  });

  it('takes a "name: value" line in prose for a secret field when the name looks secret', () => {
    // The other side of the policy: when it reads like a field, it is treated as one.
    expect(redact('Here is my password: hunter2').text).toBe('Here is my password: [REDACTED:secret-field]');
    expect(redact('Token: expired').text).toBe('Token: [REDACTED:secret-field]');
  });

  it('does not count markers that were already in the input', () => {
    const input = 'Authorization: Bearer [REDACTED:bearer-token]\npassword=[REDACTED:secret-field]&user=bob';
    expect(redact(input)).toEqual({ text: input, counts: {} });
    expect(redact(`${input}\nkey ${AWS_ACCESS_KEY}`).counts).toEqual({ 'aws-access-key': 1 });
  });

  it('finishes on 5 MB of random-ish text and finds the key planted at its end', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // Fragments that start partial matches everywhere: names, schemes, quotes, separators
    const fragments = [
      'the', 'agent', 'token', 'password', 'secret', 'key', 'Bearer', 'Authorization', 'Cookie', 'eyJhbGci', '://', 'sig=',
      '"', "'", ':', '=', '&', '?', ';', ',', '{', '}', '[', ']', '\n', '\\n', '-----BEGIN', 'PRIVATE KEY-----', 'AKIA', 'Q~', '@',
      'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789+/', '2024-03-11', 'INFO', 'value',
    ];
    const parts: string[] = [];
    let length = 0;
    while (length < 5 * 1024 * 1024) {
      const fragment = fragments[Math.floor(next() * fragments.length)] ?? '';
      const piece = next() < 0.7 ? `${fragment} ` : fragment;
      parts.push(piece);
      length += piece.length;
    }
    const input = `${parts.join('')}\n\nleaked: ${AWS_ACCESS_KEY}\n`;
    const { text, counts } = redact(input);
    expect(text.endsWith('\n\nleaked: [REDACTED:aws-access-key]\n')).toBe(true);
    expect(text).not.toContain(AWS_ACCESS_KEY);
    expect(counts['aws-access-key']).toBe(1);
  });
});

describe('redaction rules', () => {
  const TYPES = [
    'private-key', 'jwt', 'authorization', 'bearer-token', 'aws-access-key', 'aws-secret-key', 'azure-storage-key',
    'azure-sas-signature', 'azure-client-secret', 'connection-string', 'url-credentials', 'basic-credentials', 'token-param',
    'secret-field',
  ];

  it('are global patterns of the documented types, with the generic secret-field rule last', () => {
    for (const rule of REDACTION_RULES) {
      expect(rule.pattern.flags).toContain('g');
      expect(TYPES).toContain(rule.type);
    }
    expect(new Set(REDACTION_RULES.map((rule) => rule.type))).toEqual(new Set(TYPES));
    expect(REDACTION_RULES[REDACTION_RULES.length - 1]?.type).toBe('secret-field');
  });

  it.each([
    ['password', true], ['DB_PASSWORD', true], ['adminPassword', true], ['clientSecret', true], ['client secret', true],
    ['x-api-key', true], ['API_KEY', true], ['apiKey', true], ['access_token', true], ['Authorization', true],
    ['Proxy-Authorization', true], ['set-cookie', true], ['ConnectionString', true], ['session-id', true],
    ['private_key', true], ['credentials', true], ['aws_secret_access_key', true], ['pwd', true],
    ['DB_PASS', true], ['pass', true], ['x-functions-key', true], ['bypass', false], ['compass', false],
    ['username', false], ['region', false], ['token_type', false], ['tokenExpiry', false], ['passwordPolicy', false],
    ['max_tokens', false], ['secretName', false], ['keyName', false], ['key', false], ['author', false],
  ])('take %s for a secret name: %s', (name, expected) => {
    expect(looksLikeSecretKey(name)).toBe(expected);
  });
});

describe('mergeCounts', () => {
  it('adds counts by type and drops zeros', () => {
    expect(mergeCounts({ jwt: 1, 'secret-field': 2 }, {}, { jwt: 2, 'aws-access-key': 0 })).toEqual({ jwt: 3, 'secret-field': 2 });
    expect(mergeCounts()).toEqual({});
  });
});

describe('describeRedactions', () => {
  it.each([
    [{}, 'nothing'],
    [{ jwt: 0 }, 'nothing'],
    [{ 'bearer-token': 2, 'aws-access-key': 1, 'secret-field': 1 }, '2 bearer tokens, 1 AWS access key, 1 secret field'],
    [{ 'secret-field': 3, 'private-key': 1 }, '1 private key, 3 secret fields'],
    [{ jwt: 2, 'url-credentials': 1, 'token-param': 2 }, '2 JWTs, 1 password in a URL, 2 secret URL parameters'],
    [{ 'basic-credentials': 1, 'azure-sas-signature': 2 }, '1 basic auth credential, 2 Azure SAS signatures'],
    [{ 'future-thing': 2 }, '2 future things'],
  ])('describes %j as "%s"', (counts, expected) => {
    expect(describeRedactions(counts)).toBe(expected);
  });

  it('describes what redact counted', () => {
    const { counts } = redact(`Authorization: Bearer ${OPAQUE_TOKEN}\nBearer ${OPAQUE_TOKEN}x\nkey=${AWS_ACCESS_KEY}\npassword: hunter2`);
    expect(describeRedactions(counts)).toBe('2 bearer tokens, 1 AWS access key, 1 secret field');
  });
});

describe('redactDeep', () => {
  it('redacts every string and hides values under secret keys, whatever their format', () => {
    const ticket = {
      number: 'INC-000123',
      severity: 2,
      critical: false,
      description: `It fails with Authorization: Bearer ${OPAQUE_TOKEN}`,
      evidence: [{ kind: 'request_body', content: '{"password": "hunter2"}', findings: ['POST /services/boxes'] }],
      request: {
        headers: { Authorization: 'Basic abc', 'X-Api-Key': 'short', Cookie: 'sid=1', Accept: 'application/json' },
        password: 123456,
        token: '',
        clientSecret: null,
      },
      credentials: { user: 'cam', expires: 3600, enabled: true },
      transcript: [{ from: 'customer', text: `my key is ${AWS_ACCESS_KEY}`, at: '2024-03-11T09:00:00Z' }],
    };
    const { value, counts } = redactDeep(ticket);
    expect(value).toEqual({
      ...ticket,
      description: 'It fails with Authorization: Bearer [REDACTED:bearer-token]',
      evidence: [{ kind: 'request_body', content: '{"password": "[REDACTED:secret-field]"}', findings: ['POST /services/boxes'] }],
      request: {
        headers: { Authorization: '[REDACTED:secret-field]', 'X-Api-Key': '[REDACTED:secret-field]', Cookie: '[REDACTED:secret-field]', Accept: 'application/json' },
        password: '[REDACTED:secret-field]',
        token: '',
        clientSecret: null,
      },
      credentials: { user: '[REDACTED:secret-field]', expires: '[REDACTED:secret-field]', enabled: true },
      transcript: [{ from: 'customer', text: 'my key is [REDACTED:aws-access-key]', at: '2024-03-11T09:00:00Z' }],
    });
    expect(counts).toEqual({ 'bearer-token': 1, 'secret-field': 7, 'aws-access-key': 1 });
    expect(ticket.request.password).toBe(123456);
  });

  it('keeps what the text rules found in a value under a secret key', () => {
    expect(redactDeep({ Authorization: `Bearer ${OPAQUE_TOKEN}` })).toEqual({
      value: { Authorization: 'Bearer [REDACTED:bearer-token]' },
      counts: { 'bearer-token': 1 },
    });
  });

  it('is idempotent', () => {
    const once = redactDeep({ password: 'hunter2', nested: [{ token: 42, note: `Bearer ${OPAQUE_TOKEN}` }] }).value;
    expect(redactDeep(once)).toEqual({ value: once, counts: {} });
  });

  it('passes primitives through redact', () => {
    expect(redactDeep(`id ${AWS_ACCESS_KEY}`)).toEqual({ value: 'id [REDACTED:aws-access-key]', counts: { 'aws-access-key': 1 } });
    expect(redactDeep(42)).toEqual({ value: 42, counts: {} });
    expect(redactDeep(null)).toEqual({ value: null, counts: {} });
  });
});
