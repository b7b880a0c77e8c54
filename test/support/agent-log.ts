/** An elasticbox-agent.log of a failed box deployment: an error with its stack, and one without. */
export const FAILED_DEPLOYMENT_LOG = [
  '2024-05-01 10:00:00,123 INFO Starting ElasticBox agent 5.2.1',
  '2024-05-01 10:00:01,000 INFO Downloading box scripts for web-frontend',
  '2024-05-01 10:00:05,789 ERROR Deployment of box web-frontend failed: install.sh exited with code 2',
  'Traceback (most recent call last):',
  '  File "/opt/elasticbox/agent/runner.py", line 212, in run_script',
  '    raise ScriptError(result.returncode)',
  'elasticbox.agent.ScriptError: exit code 2',
  '2024-05-01 10:00:36,100 ERROR Could not reach instance i-0abc123 on port 22: connection timed out',
  '2024-05-01 10:00:37,000 INFO Agent stopped',
].join('\n');
