namespace Fetch.Build.Core.Http;

/// <summary>
/// A ranged GET: bytes <see cref="From"/> to <see cref="To"/> (inclusive; open-ended when null),
/// sent with <c>If-Range</c> so a server whose content changed answers with the whole new body.
/// </summary>
internal sealed record RangeRequest(long From, long? To, string Validator);
