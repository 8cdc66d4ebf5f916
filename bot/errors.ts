// A user-input error: its message is a polite Vietnamese sentence that says what to send instead.
// The core replies with it; nothing is stored.
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserInputError";
  }
}
