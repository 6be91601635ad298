namespace HelpdeskBot.Catalog;

/// <summary>The catalog file is broken; the message names the file, and the item and field where it can.</summary>
public sealed class CatalogFormatException(string message, Exception? inner = null) : Exception(message, inner);
