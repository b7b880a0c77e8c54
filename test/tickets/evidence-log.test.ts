import {
  AGENT_LOG_LOCATIONS,
  agentLogInstructions,
  analyseAgentLog,
  summariseAgentLog,
  type AgentLogAnalysis,
  type LogLevel,
} from '../../tickets/evidence/index.js';

const PYTHON_AGENT_LOG = `2024-03-05 10:21:58,002 - elasticbox.agent - INFO - ElasticBox agent 4.2.1 starting (pid 2231)
2024-03-05 10:21:58,117 - elasticbox.agent - INFO - Connected to wss://cam.example.com/services/agent
2024-03-05 10:22:00,480 - elasticbox.agent - DEBUG - Heartbeat sent
2024-03-05 10:22:01,123 - elasticbox.agent.scripts - INFO - Running configure script for box web-server
2024-03-05 10:22:04,560 - elasticbox.agent - WARNING - Script configure took 3.4 s, longer than expected
2024-03-05 10:22:05,001 - elasticbox.agent.scripts - ERROR - Script configure failed with exit code 2
Traceback (most recent call last):
  File "/opt/elasticbox/agent/scripts.py", line 212, in run_script
    result = self._execute(script, env)
  File "/opt/elasticbox/agent/scripts.py", line 180, in _execute
    raise ScriptError(code)
elasticbox.agent.errors.ScriptError: exit code 2
2024-03-05 10:22:05,004 - elasticbox.agent - INFO - Reporting instance i-3f9a2c as unavailable
2024-03-05 10:22:06,210 - elasticbox.agent - INFO - Retrying connection to cam.example.com:443

2024-03-05 10:22:07,300 - elasticbox.agent - INFO - TLS handshake started
2024-03-05 10:22:08,310 - elasticbox.agent - ERROR - Connection to cam.example.com:443 timed out after 30 s
2024-03-05 10:22:09,999 - elasticbox.agent - CRITICAL - Giving up after 5 retries; agent stopping
`;

const SYSLOG_AGENT_LOG = `Mar  5 10:22:01 web-01 elasticbox-agent[2231]: INFO Agent started
Mar  5 10:22:02 web-01 elasticbox-agent[2231]: ERROR Failed to download box file from https://cam.example.com/services/blobs/download/5f2a
Mar  5 10:22:02 web-01 elasticbox-agent[2231]: [WARNING] retrying in 10 s
Mar 15 09:00:00 web-01 kernel: Out of memory: Killed process 2231 (python)
`;

const LOG_WITHOUT_TIMESTAMPS = `INFO Starting ElasticBox agent
INFO Loading configuration from /etc/elasticbox/agent.conf
ERROR: Could not resolve host cam.example.com
Traceback (most recent call last):
  File "/opt/elasticbox/agent/connection.py", line 44, in connect
socket.gaierror: [Errno -2] Name or service not known
WARNING:elasticbox.agent:Falling back to cached configuration
[error] agent exited with status 1
`;

const JAVA_STYLE_LOG = `[2024-03-05T10:22:01.123Z] [INFO] elasticbox.agent: started
[2024-03-05T10:22:02.500+01:00] [ERROR] elasticbox.agent: Unhandled exception
java.lang.IllegalStateException: not connected
    at com.elasticbox.Agent.run(Agent.java:42)
    at java.lang.Thread.run(Thread.java:750)
`;

const counts = (partial: Partial<Record<LogLevel, number>>): Record<LogLevel, number> => ({ DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0, FATAL: 0, ...partial });

describe('analyseAgentLog on a Python-format agent log', () => {
  const analysis = analyseAgentLog(PYTHON_AGENT_LOG);

  it('counts lines, entries and levels, and reads the time range', () => {
    expect(analysis).toMatchObject({
      lines: 18,
      entries: 11,
      firstTimestamp: '2024-03-05T10:21:58.002',
      lastTimestamp: '2024-03-05T10:22:09.999',
      levelCounts: counts({ DEBUG: 1, INFO: 6, WARN: 1, ERROR: 2, FATAL: 1 }),
      errorCount: 3,
    });
  });

  it('keeps each error with its context and its traceback', () => {
    expect(analysis.errors).toEqual([
      {
        line: 6,
        timestamp: '2024-03-05T10:22:05.001',
        level: 'ERROR',
        message: 'Script configure failed with exit code 2',
        context: [
          '2024-03-05 10:22:00,480 - elasticbox.agent - DEBUG - Heartbeat sent',
          '2024-03-05 10:22:01,123 - elasticbox.agent.scripts - INFO - Running configure script for box web-server',
          '2024-03-05 10:22:04,560 - elasticbox.agent - WARNING - Script configure took 3.4 s, longer than expected',
        ],
        stack: [
          'Traceback (most recent call last):',
          '  File "/opt/elasticbox/agent/scripts.py", line 212, in run_script',
          '    result = self._execute(script, env)',
          '  File "/opt/elasticbox/agent/scripts.py", line 180, in _execute',
          '    raise ScriptError(code)',
          'elasticbox.agent.errors.ScriptError: exit code 2',
        ],
      },
      {
        line: 17,
        timestamp: '2024-03-05T10:22:08.310',
        level: 'ERROR',
        message: 'Connection to cam.example.com:443 timed out after 30 s',
        // the blank line before the entry is not context
        context: [
          '2024-03-05 10:22:06,210 - elasticbox.agent - INFO - Retrying connection to cam.example.com:443',
          '2024-03-05 10:22:07,300 - elasticbox.agent - INFO - TLS handshake started',
        ],
        stack: [],
      },
      {
        line: 18,
        timestamp: '2024-03-05T10:22:09.999',
        level: 'FATAL',
        message: 'Giving up after 5 retries; agent stopping',
        context: [
          '2024-03-05 10:22:07,300 - elasticbox.agent - INFO - TLS handshake started',
          '2024-03-05 10:22:08,310 - elasticbox.agent - ERROR - Connection to cam.example.com:443 timed out after 30 s',
        ],
        stack: [],
      },
    ]);
    expect(analysis.lastError).toBe(analysis.errors[2]);
  });

  it('summarises it as findings', () => {
    expect(summariseAgentLog(analysis)).toEqual([
      'Agent log: 18 lines, 11 entries',
      'Time range: 2024-03-05T10:21:58.002 to 2024-03-05T10:22:09.999',
      'Levels: 1 DEBUG, 6 INFO, 1 WARN, 2 ERROR, 1 FATAL',
      'First error (line 6, 2024-03-05T10:22:05.001): Script configure failed with exit code 2 (elasticbox.agent.errors.ScriptError: exit code 2)',
      'Last error (line 18, 2024-03-05T10:22:09.999): FATAL Giving up after 5 retries; agent stopping',
      'Error seen once: Script configure failed with exit code 2',
      'Error seen once: Connection to cam.example.com:443 timed out after 30 s',
      'Error seen once: Giving up after 5 retries; agent stopping',
    ]);
  });

  it('reads the same log with CRLF line endings identically', () => {
    expect(analyseAgentLog(PYTHON_AGENT_LOG.replace(/\n/g, '\r\n'))).toEqual(analysis);
  });
});

describe('analyseAgentLog on other shapes of log', () => {
  it('reads syslog lines, keeping their year-less timestamps as written', () => {
    const analysis = analyseAgentLog(SYSLOG_AGENT_LOG);
    expect(analysis).toMatchObject({
      lines: 4,
      entries: 4,
      firstTimestamp: 'Mar  5 10:22:01',
      lastTimestamp: 'Mar 15 09:00:00',
      levelCounts: counts({ INFO: 1, WARN: 1, ERROR: 1 }),
      errors: [
        {
          line: 2,
          timestamp: 'Mar  5 10:22:02',
          level: 'ERROR',
          message: 'Failed to download box file from https://cam.example.com/services/blobs/download/5f2a',
          context: ['Mar  5 10:22:01 web-01 elasticbox-agent[2231]: INFO Agent started'],
          stack: [],
        },
      ],
    });
    expect(summariseAgentLog(analysis)).toContain('Levels: 1 INFO, 1 WARN, 1 ERROR, 1 without a level');
  });

  it('falls back to lines that start with a level when there are no timestamps at all', () => {
    const analysis = analyseAgentLog(LOG_WITHOUT_TIMESTAMPS);
    expect(analysis.firstTimestamp).toBeUndefined();
    expect(analysis).toMatchObject({
      lines: 8,
      entries: 5,
      levelCounts: counts({ INFO: 2, WARN: 1, ERROR: 2 }),
      errorCount: 2,
    });
    expect(analysis.errors.map(({ line, message, stack }) => ({ line, message, stack }))).toEqual([
      {
        line: 3,
        message: 'Could not resolve host cam.example.com',
        stack: [
          'Traceback (most recent call last):',
          '  File "/opt/elasticbox/agent/connection.py", line 44, in connect',
          'socket.gaierror: [Errno -2] Name or service not known',
        ],
      },
      { line: 8, message: 'agent exited with status 1', stack: [] },
    ]);
    expect(summariseAgentLog(analysis).slice(0, 2)).toEqual(['Agent log: 8 lines, 5 entries', 'Levels: 2 INFO, 1 WARN, 2 ERROR']);
  });

  it('reads bracketed ISO timestamps with zones (as UTC) and Java stack frames', () => {
    const analysis = analyseAgentLog(JAVA_STYLE_LOG);
    expect(analysis).toMatchObject({
      lines: 5,
      entries: 2,
      firstTimestamp: '2024-03-05T10:22:01.123Z',
      lastTimestamp: '2024-03-05T09:22:02.500Z',
      errors: [
        {
          line: 2,
          timestamp: '2024-03-05T09:22:02.500Z',
          level: 'ERROR',
          message: 'elasticbox.agent: Unhandled exception',
          context: ['[2024-03-05T10:22:01.123Z] [INFO] elasticbox.agent: started'],
          stack: [
            'java.lang.IllegalStateException: not connected',
            '    at com.elasticbox.Agent.run(Agent.java:42)',
            '    at java.lang.Thread.run(Thread.java:750)',
          ],
        },
      ],
    });
  });

  it.each<[string, LogLevel | undefined, string]>([
    ['2024-03-05T10:22:01Z ERROR something broke', 'ERROR', 'something broke'],
    ['2024-03-05 10:22:01,123 ERROR elasticbox.agent: boom', 'ERROR', 'elasticbox.agent: boom'],
    ['2024-03-05 10:22:01,123 elasticbox.agent ERROR boom', 'ERROR', 'boom'],
    ['2024-03-05 10:22:01,123 [MainThread] [error] boom', 'ERROR', 'boom'],
    ['2024-03-05 10:22:01,123 | ERROR | boom', 'ERROR', 'boom'],
    ['2024/03/05 10:22:01 <FATAL> boom', 'FATAL', 'boom'],
    ['2024-03-05 10:22:01 CRITICAL: boom', 'FATAL', 'boom'],
    ['2024-03-05 10:22:01.123456 SEVERE boom', 'ERROR', 'boom'],
    ['2024-03-05 10:22:01 WARN disk 91% full', 'WARN', ''],
    ['2024-03-05 10:22:01 TRACE polling', 'DEBUG', ''],
    ['[2024-03-05 10:22:01] NOTICE config reloaded', 'INFO', ''],
    // a lower-case word in the message is not a level
    ['2024-03-05 10:22:01 Connection error while polling', undefined, ''],
  ])('%s', (line, level, message) => {
    const analysis = analyseAgentLog(line);
    expect(analysis.entries).toBe(1);
    const found = (Object.keys(analysis.levelCounts) as LogLevel[]).filter((key) => analysis.levelCounts[key] > 0);
    expect(found).toEqual(level === undefined ? [] : [level]);
    if (level === 'ERROR' || level === 'FATAL') expect(analysis.errors[0]?.message).toBe(message);
  });

  it.each<[string, string]>([
    ['an empty log', ''],
    ['prose without entries', 'the agent does not start\nno idea why\n'],
  ])('says when nothing was recognised: %s', (_name, text) => {
    const analysis = analyseAgentLog(text);
    expect(analysis.entries).toBe(0);
    expect(summariseAgentLog(analysis)).toEqual([
      `No log entries recognised in ${analysis.lines} lines; the log may be in an unexpected format`,
    ]);
  });
});

describe('analyseAgentLog limits', () => {
  it('keeps the head and the last line of a long stack', () => {
    const frames = Array.from({ length: 100 }, (_, index) => `    at frame${index} (agent.js:${index})`);
    const [error] = analyseAgentLog(['2024-03-05T10:22:01Z ERROR crash', ...frames].join('\n')).errors;
    expect(error?.stack).toHaveLength(30);
    expect(error?.stack.slice(0, 28)).toEqual(frames.slice(0, 28));
    expect(error?.stack[28]).toBe('… 71 lines omitted …');
    expect(error?.stack[29]).toBe(frames[99]);
  });

  it('keeps the first 50 errors, counts them all, and remembers the last', () => {
    const lines = Array.from({ length: 120 }, (_, index) => [
      `2024-03-05T10:${String(index % 60).padStart(2, '0')}:00Z INFO polling`,
      `2024-03-05T10:${String(index % 60).padStart(2, '0')}:01Z ERROR Request ${1000 + index} failed for instance i-${(0xa0000 + index).toString(16)}`,
    ]).flat();
    const analysis = analyseAgentLog(lines.join('\n'));
    expect(analysis.errors).toHaveLength(50);
    expect(analysis.errorCount).toBe(120);
    // past the cap, the last error still gets its timestamp and context
    expect(analysis.lastError).toMatchObject({ line: 240, timestamp: '2024-03-05T10:59:01.000Z', message: 'Request 1119 failed for instance i-a0077' });
    expect(analysis.lastError?.context).toEqual(lines.slice(236, 239));
    expect(analysis.errorGroups).toEqual([{ message: 'Request 1000 failed for instance i-a0000', count: 120, firstLine: 2 }]);
    expect(summariseAgentLog(analysis)).toEqual(
      expect.arrayContaining([
        '120 errors in total; the first 50 are kept in detail',
        'Error seen 120 times: Request 1000 failed for instance i-a0000',
      ]),
    );
  });

  it('groups repeated errors with ids, numbers and hex ignored, most frequent first', () => {
    const log = [
      '2024-03-05T10:00:00Z ERROR Script configure failed with exit code 2',
      '2024-03-05T10:00:01Z ERROR Timeout after 30 s calling /services/instances/4a1e2f3c-9b8d-4e7f-a6c5-1d2e3f4a5b6c',
      '2024-03-05T10:00:02Z ERROR Timeout after 45 s calling /services/instances/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      '2024-03-05T10:00:03Z ERROR Script configure failed with exit code 127',
      '2024-03-05T10:00:04Z ERROR Timeout after 30 s calling /services/instances/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      '2024-03-05T10:00:05Z ERROR Box 0x7f3a9c not found',
      '2024-03-05T10:00:06Z ERROR Permission denied writing /var/lib/elasticbox',
    ].join('\n');
    expect(analyseAgentLog(log).errorGroups).toEqual([
      { message: 'Timeout after 30 s calling /services/instances/4a1e2f3c-9b8d-4e7f-a6c5-1d2e3f4a5b6c', count: 3, firstLine: 2 },
      { message: 'Script configure failed with exit code 2', count: 2, firstLine: 1 },
      { message: 'Box 0x7f3a9c not found', count: 1, firstLine: 6 },
      { message: 'Permission denied writing /var/lib/elasticbox', count: 1, firstLine: 7 },
    ]);
  });

  it('counts a 10 MB log exactly', () => {
    const block = [
      '2024-03-05 10:22:01,123 - elasticbox.agent - INFO - Heartbeat 12345 acknowledged by cam.example.com',
      '2024-03-05 10:22:01,124 - elasticbox.agent - DEBUG - Polling for work',
      '2024-03-05 10:22:01,125 - elasticbox.agent - WARNING - Slow response (1234 ms)',
      '2024-03-05 10:22:01,126 - elasticbox.agent - ERROR - Request 12345 failed',
      'Traceback (most recent call last):',
      '  File "/opt/elasticbox/agent/poll.py", line 88, in poll',
      'ValueError: unexpected reply',
    ].join('\n');
    const blocks = Math.ceil((10 * 1024 * 1024) / (block.length + 1));
    const log = `${`${block}\n`.repeat(blocks)}2024-03-05 23:59:59,999 - elasticbox.agent - FATAL - Out of memory\n`;
    expect(log.length).toBeGreaterThan(10 * 1024 * 1024);

    const analysis: AgentLogAnalysis = analyseAgentLog(log);
    expect(analysis).toMatchObject({
      lines: 7 * blocks + 1,
      entries: 4 * blocks + 1,
      firstTimestamp: '2024-03-05T10:22:01.123',
      lastTimestamp: '2024-03-05T23:59:59.999',
      levelCounts: counts({ DEBUG: blocks, INFO: blocks, WARN: blocks, ERROR: blocks, FATAL: 1 }),
      errorCount: blocks + 1,
      lastError: { line: 7 * blocks + 1, timestamp: '2024-03-05T23:59:59.999', level: 'FATAL', message: 'Out of memory' },
    });
    expect(analysis.errors).toHaveLength(50);
    expect(analysis.errors[49]).toMatchObject({ line: 7 * 49 + 4, stack: block.split('\n').slice(4) });
    expect(analysis.errorGroups.map((group) => group.count)).toEqual([blocks, 1]);
  });
});

describe('agent log locations', () => {
  it('has the Linux and Windows paths and how to reach each', () => {
    expect(AGENT_LOG_LOCATIONS).toEqual([
      expect.objectContaining({ os: 'linux', path: '/var/log/elasticbox/elasticbox-agent.log', access: 'ssh' }),
      expect.objectContaining({ os: 'windows', path: 'C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log', access: 'rdp' }),
    ]);
  });

  it('tells the customer where to look and what to send, in one paragraph', () => {
    const text = agentLogInstructions();
    expect(text).not.toContain('\n');
    for (const expected of [
      '`/var/log/elasticbox/elasticbox-agent.log`',
      '`C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log`',
      'SSH',
      'RDP',
      'Attach',
      'paste',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
