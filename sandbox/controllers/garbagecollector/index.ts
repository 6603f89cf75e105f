import type { Registry } from '../../apiserver/registry/genericRegistry';
import type { RunningComponent } from '../../context';
import { GarbageCollector } from './garbageCollector';

/** Starts the garbage collector on the registry's store (it reads the whole ownership graph). */
export function startGarbageCollector(registry: Registry): RunningComponent {
  const collector = new GarbageCollector(registry);
  collector.start();
  return collector;
}
