/**
 * Every CLI command module, in help order. A module exports `register(program)`, keeps its own imports light and
 * loads heavy parts inside its action.
 */
import type { Command } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

export const COMMANDS: Array<() => Promise<CommandModule>> = [
  () => import('./demo.js'),
  () => import('./init.js'),
  () => import('./validate.js'),
  () => import('./schema.js'),
  () => import('./import.js'),
  () => import('./catalog.js'),
  () => import('./analyze.js'),
  () => import('./explain.js'),
  () => import('./diff.js'),
  () => import('./reference.js'),
  () => import('./campaign.js'),
  () => import('./worker.js'),
  () => import('./traces.js'),
  () => import('./regress.js'),
  () => import('./monitor.js'),
  () => import('./report.js'),
  () => import('./serve.js'),
];
