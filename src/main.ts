#!/usr/bin/env node
import { cliHelpText, ConfigError, parseCliFlags, resolveConfig } from './config/index.js';
import { buildAnthropicApp, buildApp } from './server/build-app.js';
import { createGatewayCore } from './server/gateway-core.js';
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
  const core = createGatewayCore(config, { logger });
  const app = await buildApp(config, { core });
  const anthropicApp = await buildAnthropicApp(core);
  const address = await app.listen({ host: config.host, port: config.port });
  const anthropicAddress =
    config.anthropicPort === null ? undefined : await anthropicApp.listen({ host: config.host, port: config.anthropicPort });
  process.stderr.write(`${startupBanner(config, { main: address, anthropic: anthropicAddress })}\n`);
  logger.info({ address, anthropic_address: anthropicAddress }, 'listening');
  // Warm what the first requests need, after the port is open rather than before.
  setImmediate(() => core.reasoningAliases());
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    Promise.all([app.close(), anthropicApp.close()])
      .then(() => core.close())
      .then(
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
