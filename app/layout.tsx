import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { themeBootScript } from '@/hooks/useTheme';
import './globals.css';

export const metadata: Metadata = {
  title: 'StatefulSet Explorer',
  description: 'See and steer Kubernetes StatefulSets live.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme class is set before the first paint by the script below, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="min-h-screen bg-slate-100 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
