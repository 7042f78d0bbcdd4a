#!/usr/bin/env node
import { cliHelpText, ConfigError, parseCliFlags, resolveConfig } from './config/index.js';
import { buildApp } from './server/build-app.js';
import { createLogger } from './server/create-logger.js';
import { startupBanner } from './server/startup-banner.js';

/** Command-line entry point: `npm start -- [flags]`. */
async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCliFlags(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${cliHelpText()}\n`);
    process.exit(2);
  }
  if (cli.help === true) {
    process.stdout.write(`${cliHelpText()}\n`);
    return;
  }
  let config;
  try {
    config = resolveConfig(cli, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const app = await buildApp(config, { logger });
  const address = await app.listen({ host: config.host, port: config.port });
  process.stderr.write(`${startupBanner(config, address, app.activeBackends())}\n`);
  logger.info({ address }, 'listening');
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
