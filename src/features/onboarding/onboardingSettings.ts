import * as vscode from 'vscode';
import { DEFAULT_ONBOARDING, type OnboardingDefaults } from '../../onboarding';

/**
 * The onboarding settings, read in one place: `greenroom.onboarding.handleGroups` (CODEOWNERS
 * handle → group), `.defaultLifecycle`, `.defaultType`. Values of the wrong shape fall back to
 * the defaults; keys are copied into a Map, so a handle named `__proto__` is only a key.
 */
export function readOnboardingSettings(): OnboardingDefaults {
  const configuration = vscode.workspace.getConfiguration('greenroom.onboarding');
  const handleGroups = new Map<string, string>();
  const mapping: unknown = configuration.get('handleGroups');
  if (mapping && typeof mapping === 'object' && !Array.isArray(mapping)) {
    for (const [handle, group] of Object.entries(mapping)) {
      if (typeof group === 'string' && group.trim() && handle.trim()) {
        handleGroups.set(handle.trim(), group.trim());
      }
    }
  }
  const lifecycle = configuration.get<unknown>('defaultLifecycle');
  const type = configuration.get<unknown>('defaultType');
  return {
    lifecycle: typeof lifecycle === 'string' && lifecycle.trim() ? lifecycle.trim() : DEFAULT_ONBOARDING.lifecycle,
    type: typeof type === 'string' && type.trim() ? type.trim() : undefined,
    handleGroups,
  };
}
