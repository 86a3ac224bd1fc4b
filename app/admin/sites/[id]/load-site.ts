import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

// A site the actor may not reach and a site that does not exist look the same: 404.
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
