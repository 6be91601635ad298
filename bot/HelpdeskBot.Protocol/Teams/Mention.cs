using System.Net;
using System.Text.Json;
using HelpdeskBot.Protocol.Schema;

namespace HelpdeskBot.Protocol.Teams;

/// <summary>An @mention: <c>&lt;at&gt;Name&lt;/at&gt;</c> in the text, with a <c>mention</c> entity naming who.</summary>
public sealed record Mention(ChannelAccount Mentioned, string? Text)
{
    public const string EntityType = "mention";

    /// <summary>A mention of <paramref name="account"/>: put <see cref="Text"/> in the message and <see cref="ToEntity"/> in its entities.</summary>
    public static Mention Of(ChannelAccount account)
    {
        var name = WebUtility.HtmlEncode(account.Name ?? account.Id ?? "");
        return new Mention(account, $"<at>{name}</at>");
    }

    public Entity ToEntity() => new()
    {
        Type = EntityType,
        Properties = new Dictionary<string, JsonElement>
        {
            ["text"] = ProtocolJson.ToElement(Text),
            ["mentioned"] = ProtocolJson.ToElement(new ChannelAccount(Mentioned.Id ?? "", Mentioned.Name)),
        },
    };

    /// <summary>Reads a mention entity; null for other entity types or unreadable ones.</summary>
    public static Mention? FromEntity(Entity entity)
    {
        if (!string.Equals(entity.Type, EntityType, StringComparison.OrdinalIgnoreCase) || entity.Properties is null ||
            !entity.Properties.TryGetValue("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        ChannelAccount? account;
        try
        {
            account = mentioned.Deserialize<ChannelAccount>(ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return null; // an id that is not a string, say: no mention anyone can act on
        }

        var text = entity.Properties.TryGetValue("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return account is null ? null : new Mention(account, text);
    }
}
