/**
 * Where the ElasticBox agent writes its log on an instance, kept as data so the bot's
 * instructions and any checks on attached file names share one source.
 */

export interface AgentLogLocation {
  os: 'linux' | 'windows';
  /** how the operating system is named to customers */
  osName: string;
  path: string;
  /** how a customer reaches the instance to read the file */
  access: 'ssh' | 'rdp';
}

export const AGENT_LOG_FILE_NAME = 'elasticbox-agent.log';

export const AGENT_LOG_LOCATIONS: readonly AgentLogLocation[] = [
  { os: 'linux', osName: 'Linux', path: `/var/log/elasticbox/${AGENT_LOG_FILE_NAME}`, access: 'ssh' },
  { os: 'windows', osName: 'Windows', path: `C:\\ProgramData\\ElasticBox\\Logs\\${AGENT_LOG_FILE_NAME}`, access: 'rdp' },
];

const ACCESS_NAMES: Readonly<Record<AgentLogLocation['access'], string>> = { ssh: 'SSH', rdp: 'Remote Desktop (RDP)' };

/**
 * A short markdown paragraph telling the customer where the agent log is on each operating system
 * and to attach the file or paste the lines around the problem.
 */
export function agentLogInstructions(): string {
  const places = AGENT_LOG_LOCATIONS.map(
    (location) => `on **${location.osName}**, connect over ${ACCESS_NAMES[location.access]} and open \`${location.path}\``,
  );
  return (
    `The ElasticBox agent keeps its log on the instance itself: ${places.join('; ')}. ` +
    `Attach the file ${AGENT_LOG_FILE_NAME} here, or paste the lines from around the time the problem happened.`
  );
}
