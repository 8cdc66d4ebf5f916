// The AddressBook the adapters use, over the bot's address helpers and the store.
import { addressesForUser, markAddressDead, saveAddress } from "../bot/addresses";
import type { Db } from "../bot/storage/db";
import type { AddressBook } from "./core";

export function dbAddressBook(db: Db): AddressBook {
  return {
    save: (address) => saveAddress(db, address),
    markDead: (address) => markAddressDead(db, address.channel, address.conversationKey),
    async adminAddresses(channel) {
      const admins = await db.query<{ id: number }>("SELECT id FROM users WHERE role = 'admin' ORDER BY id");
      const all = await Promise.all(admins.map((a) => addressesForUser(db, a.id)));
      return all.flat().filter((a) => a.channel === channel);
    },
  };
}
