import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** Liveness of the dashboard process itself (cheap: does not ask the cluster). */
export function GET() {
  return NextResponse.json({ ok: true });
}
