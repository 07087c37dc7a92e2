using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Cluster.Resp;

/// <summary>
/// A small RESP2 connection to one node for admin commands (one command in flight at a time).
/// It authenticates on connect, bounds every connect and command by a timeout, turns error
/// replies into <see cref="RedisServerException"/>s that name the node and the command, and
/// never puts the password into a message. After any transport failure it reconnects on the
/// next command.
/// </summary>
public sealed class RedisAdminConnection : IAsyncDisposable
{
    private readonly string? _user;
    private readonly string? _password;
    private readonly TimeSpan _timeout;
    private readonly TlsClientSettings? _tls;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpClient? _client;
    private Stream? _stream;
    private RespReader? _reader;

    public RedisAdminConnection(string name, NodeEndpoint endpoint, string? password, TimeSpan timeout)
        : this(name, endpoint, null, password, timeout)
    {
    }

    /// <summary>
    /// A connection that authenticates as <paramref name="user"/> (<c>AUTH user password</c>) when both are set, with
    /// <c>AUTH password</c> (the <c>default</c> user) when only the password is, and not at all otherwise.
    /// </summary>
    public RedisAdminConnection(string name, NodeEndpoint endpoint, string? user, string? password, TimeSpan timeout)
        : this(name, endpoint, user, password, timeout, null)
    {
    }

    /// <summary>
    /// As above, over TLS when <paramref name="tls"/> is given: the node must present a certificate for its address
    /// (an IP SAN) that chains to the trusted CA.
    /// </summary>
    public RedisAdminConnection(string name, NodeEndpoint endpoint, string? user, string? password, TimeSpan timeout, TlsClientSettings? tls)
    {
        _tls = tls;
        Name = name;
        Endpoint = endpoint;
        _password = string.IsNullOrEmpty(password) ? null : password;
        _user = string.IsNullOrEmpty(user) || _password is null ? null : user;
        _timeout = timeout;
    }

    public string Name { get; }

    public NodeEndpoint Endpoint { get; }

    /// <summary><c>redis-0 (127.0.0.1:7000)</c>: how the node is named in logs and errors.</summary>
    public string Display => $"{Name} ({Endpoint})";

    /// <summary>Sends one command and returns its reply; an error reply throws <see cref="RedisServerException"/>.</summary>
    public async Task<RespValue> ExecuteAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_reader is null)
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }

            return await SendAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<RespValue> ExecuteAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExecuteAsync((IReadOnlyList<string>)arguments, cancellationToken);

    /// <summary>Sends a command and returns its reply as text (bulk, simple string or integer).</summary>
    public async Task<string> ExecuteTextAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await ExecuteAsync(arguments, cancellationToken).ConfigureAwait(false)).AsText();

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Disconnect();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var client = new TcpClient(Endpoint.IsIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork) { NoDelay = true };
        try
        {
            await client.ConnectAsync(Endpoint.Host, Endpoint.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException($"{Display} did not accept a connection within {_timeout.TotalSeconds:0.#} s.");
        }
        catch (SocketException exception)
        {
            client.Dispose();
            throw new IOException($"{Display} refused or dropped the connection: {exception.Message}", exception);
        }

        _client = client;
        _stream = client.GetStream();
        if (_tls is not null)
        {
            var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
            _stream = tls;
            try
            {
                await tls.AuthenticateAsClientAsync(_tls.ClientOptions(Endpoint.Host), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Disconnect();
                throw new TimeoutException($"{Display} did not finish the TLS handshake within {_timeout.TotalSeconds:0.#} s.");
            }
            catch (AuthenticationException exception)
            {
                Disconnect();
                throw new IOException($"{Display} failed the TLS handshake: {exception.Message} (is the node's certificate issued by Cluster:TlsCaFile for this address?)", exception);
            }
            catch (IOException exception)
            {
                Disconnect();
                throw new IOException($"{Display} dropped the connection during the TLS handshake (does it listen with TLS on this port?): {exception.Message}", exception);
            }
        }

        _reader = new RespReader(_stream);
        if (_password is not null)
        {
            await SendAsync(_user is null ? ["AUTH", _password] : ["AUTH", _user, _password], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RespValue> SendAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var command = Describe(arguments);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        RespValue reply;
        try
        {
            await _stream!.WriteAsync(RespWriter.Encode(arguments), timeout.Token).ConfigureAwait(false);
            reply = await _reader!.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Disconnect();
            throw new TimeoutException($"{Display} did not answer '{command}' within {_timeout.TotalSeconds:0.#} s.");
        }
        catch (RespProtocolException exception)
        {
            Disconnect();
            throw new RespProtocolException($"{Display} sent an invalid reply to '{command}': {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            Disconnect();
            throw new IOException($"{Display} lost the connection during '{command}': {exception.Message}", exception);
        }
        catch (OperationCanceledException)
        {
            Disconnect();
            throw;
        }

        if (reply.Type == RespType.Error)
        {
            if (arguments[0].Equals("AUTH", StringComparison.OrdinalIgnoreCase))
            {
                Disconnect();
            }

            throw new RedisServerException(Display, command, reply.Text!);
        }

        return reply;
    }

    /// <summary>The command as logs may show it: AUTH arguments and the password never appear.</summary>
    private string Describe(IReadOnlyList<string> arguments)
    {
        if (arguments[0].Equals("AUTH", StringComparison.OrdinalIgnoreCase))
        {
            return "AUTH *****";
        }

        return string.Join(' ', arguments.Select(a => _password is not null && a == _password ? "*****" : a));
    }

    private void Disconnect()
    {
        _reader = null;
        _stream?.Dispose();
        _stream = null;
        _client?.Dispose();
        _client = null;
    }
}
