// Loaded by .mocharc.unit.json before any test: feature adapters `require('vscode')` at load time.
import { installVscodeFake } from './vscodeFake';

installVscodeFake();
