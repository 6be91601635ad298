namespace HelpdeskBot.Knowledge.Storage;

public enum ArticleState { Draft, Published, Retired }
