namespace HelpdeskBot.Knowledge.Storage;

/// <summary>A change the article's state does not allow (publish with nothing new, retire twice, delete while published).</summary>
public sealed class ArticleStateException(string message) : InvalidOperationException(message);
