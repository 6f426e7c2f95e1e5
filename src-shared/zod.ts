// The one place zod is configured. jitless: zod's `new Function` probe would trip the renderer's strict CSP.
import { z } from 'zod';
z.config({ jitless: true });
export { z };
