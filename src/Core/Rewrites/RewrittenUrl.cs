namespace Fetch.Build.Core.Rewrites;

/// <summary>
/// One URL after the rules: where to request it (<see cref="Url"/>), which rule rewrote it, and why
/// it must not be requested at all (<see cref="Refusal"/>: "block example.com at rewrites.txt(3)").
/// </summary>
internal sealed record RewrittenUrl(Uri Url, RewriteRule? RewrittenBy, string? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
