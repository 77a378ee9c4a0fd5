/**
 * Owns registrations so a feature releases everything it registered in one call. Pure: it is
 * a `vscode.Disposable` by shape, so it needs no vscode import.
 */
export class DisposableStore {
  private readonly items: { dispose(): unknown }[] = [];
  private disposed = false;

  add<T extends { dispose(): unknown }>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    this.disposed = true;
    while (this.items.length > 0) {
      try {
        this.items.pop()?.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  }
}
