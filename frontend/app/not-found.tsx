import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <Link href="/rooms" className="text-indigo-700 hover:underline">
        Back to your chats
      </Link>
    </main>
  );
}
