import { z } from "zod";

/** The SMS gateway's delivery receipt for one message (docs/domain.md "Messages to complainants"). */
export const smsReceiptSchema = z.object({
  eventId: z.string().min(1).max(100),
  status: z.enum(["delivered", "failed"]),
  detail: z.string().max(200).optional(),
});
