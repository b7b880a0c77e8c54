import { accessOf } from '../../knowledge/facts/logs.js';

describe('how to reach the machine a log is on', () => {
  it.each([
    ['connect over SSH; the log is at /var/log/elasticbox/elasticbox-agent.log', '/var/log/elasticbox/elasticbox-agent.log', 'connect over SSH'],
    ['connect to the instance over RDP; the log is at C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log', 'C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log', 'connect to the instance over RDP'],
    ['SSH and locate the log at /var/log/elasticbox/elasticbox-agent.log', '/var/log/elasticbox/elasticbox-agent.log', 'SSH'],
    ['RDP into the instance to locate the log at ProgramDataElasticBoxLogselasticbox-agent.log', 'ProgramDataElasticBoxLogselasticbox-agent.log', 'RDP into the instance'],
    ['log in over SSH, then open /var/log/agent.log and copy it', '/var/log/agent.log', 'log in over SSH'],
    ['/var/log/agent.log (over SSH)', '/var/log/agent.log', 'over SSH'],
    ['/var/log/agent.log', '/var/log/agent.log', ''],
  ])('%p → %p', (instruction, path, access) => {
    expect(accessOf(instruction, path)).toBe(access);
  });
});
