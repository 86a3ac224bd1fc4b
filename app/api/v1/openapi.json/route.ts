// GET /api/v1/openapi.json – the OpenAPI description of this API.
import { openApiDocument } from "@/lib/api/openapi";
import { json } from "@/lib/http/respond";

export function GET() {
  return json(openApiDocument);
}
