/** Placeholder until this command's module lands; registers nothing. */
import type { Command } from 'commander';

export function register(_program: Command): void {}
