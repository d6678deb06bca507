"use client";

import { useEffect } from "react";

const PREFIX = /^\(\d+\+?\) /;

/**
 * Puts the number of unread messages in front of the tab's title ("(3) Chats · EventChat"), and keeps it
 * there when a page changes the title.
 */
export function useTabTitle(unread: number) {
  useEffect(() => {
    const badge = unread > 0 ? `(${unread > 99 ? "99+" : unread}) ` : "";
    const apply = () => {
      const wanted = badge + document.title.replace(PREFIX, "");
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(PREFIX, "");
    };
  }, [unread]);
}
