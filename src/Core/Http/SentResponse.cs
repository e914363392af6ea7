namespace Fetch.Build.Core.Http;

/// <summary>A response after redirects, with the URL that finally answered (segments ask it directly).</summary>
internal sealed record SentResponse(HttpResponseMessage Response, Uri FinalUrl) : IDisposable
{
    public void Dispose() => Response.Dispose();
}
