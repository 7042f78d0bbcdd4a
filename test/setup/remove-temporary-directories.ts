import { afterAll } from 'vitest';
import { removeTemporaryDirectories } from '../temp-directory.js';

// Registered before the test file's own hooks, so it runs after them (hooks unwind as a stack):
// a gateway a file stops in its afterAll has let go of its files by then.
afterAll(removeTemporaryDirectories);
