namespace HelpdeskBot.Protocol.Schema;

/// <summary>One page of <c>GET v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult : JsonExtensible
{
    public string? ContinuationToken { get; set; }
    public List<ChannelAccount> Members { get; set; } = [];
}
