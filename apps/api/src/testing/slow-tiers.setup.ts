// Database and e2e tiers start databases and apps in hooks; on a loaded machine (2 shared cores) that can take longer
// than jest's 5 s default. Applies to tests and hooks of those tiers only; unit tests keep the default.
import { jest } from '@jest/globals';

jest.setTimeout(30_000);
