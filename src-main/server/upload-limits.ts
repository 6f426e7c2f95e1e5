// Browser mode's upload bounds come from the store's config.yaml (limits.max_upload_mb and
// limits.upload_quota_mb, or their ALGOSPACE_LIMITS_* overrides), read once when the server starts.
import { mib } from '../../src-shared/config.ts';
import { readConfigOnce } from '../engine/config/read-once.ts';

export interface UploadLimits {
  /** one upload, bytes */
  fileBytes: number;
  /** all uploads of the session together, bytes */
  quotaBytes: number;
}

export function uploadLimits(dbPath: string, env: Record<string, string | undefined> = process.env): UploadLimits {
  const l = readConfigOnce(dbPath, env).limits;
  return { fileBytes: mib(l.max_upload_mb), quotaBytes: mib(l.upload_quota_mb) };
}
