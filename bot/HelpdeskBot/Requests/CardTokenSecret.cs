namespace HelpdeskBot.Requests;

/// <summary>The key that signs card submit tokens: one row, made once and shared by every instance on the database.</summary>
public sealed class CardTokenSecret
{
    public const string CurrentId = "intake-v1";

    private CardTokenSecret()
    {
    }

    public CardTokenSecret(string id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    public string Id { get; private set; } = "";

    public byte[] Key { get; private set; } = [];
}
