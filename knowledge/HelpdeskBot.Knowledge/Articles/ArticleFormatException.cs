namespace HelpdeskBot.Knowledge.Articles;

/// <summary>An article file that cannot be read, with the file and line to fix.</summary>
public sealed class ArticleFormatException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File => file;
    public int Line => line;
    public string Problem => problem;
}
