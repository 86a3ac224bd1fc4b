// "server-only" throws when imported outside a React Server environment; unit and integration
// tests run lib/ modules directly in Node, which is a server environment.
import { vi } from "vitest";

vi.mock("server-only", () => ({}));
