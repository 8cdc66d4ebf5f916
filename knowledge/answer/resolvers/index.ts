// The resolvers, one per kind of fact asked. A new kind is one file here plus its strings in render.ts.
import type { Ask } from "../ask";
import { annex } from "./annex";
import { contact } from "./contact";
import { content } from "./content";
import { deadline } from "./deadline";
import { duration } from "./duration";
import { funding } from "./funding";
import { issued } from "./issued";
import { method } from "./method";
import { money } from "./money";
import { person } from "./person";
import { quantity } from "./quantity";
import { recipient } from "./recipient";
import { recurrence } from "./recurrence";
import { responsible } from "./responsible";
import type { Resolver } from "./resolver";
import { signer } from "./signer";

export const RESOLVERS: Record<Ask, Resolver> = { annex, contact, content, deadline, duration, funding, issued, method, money, person, quantity, recipient, recurrence, responsible, signer };
export { findWithRecord, type Fact, type Resolver } from "./resolver";
