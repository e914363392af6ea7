namespace Fetch.Build.Core.Http;

/// <summary>
/// How <see cref="RequestSender"/> sends one request: its method, its body (a PUT to a store), and
/// whether a redirect is followed or is itself the answer (a host's redirect can carry the digest).
/// </summary>
internal sealed record SendOptions(HttpMethod Method, HttpContent? Content = null, bool FollowRedirects = true)
{
    public static SendOptions Get { get; } = new(HttpMethod.Get);

    public static SendOptions Head { get; } = new(HttpMethod.Head);
}
