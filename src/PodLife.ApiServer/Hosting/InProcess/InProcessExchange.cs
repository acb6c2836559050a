using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PodLife.ApiServer.Hosting.InProcess;

/// <summary>
/// One in-process request and its response: the server features the request pipeline reads and writes (what Kestrel
/// builds from a connection), and the client's side: the <see cref="HttpResponseMessage"/> handed over as soon as the
/// response starts, with a body that streams what the server writes.
/// </summary>
sealed class InProcessExchange : IHttpResponseFeature, IHttpResponseBodyFeature, IHttpRequestLifetimeFeature, IHttpRequestBodyDetectionFeature
{
    // The server writes the body into the pipe, the client reads it; a client that stops reading holds the server's
    // flushes back as a full socket would. The options hold no state of a pipe: every exchange shares them.
    static readonly PipeOptions BodyOptions = new(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false);
    readonly Pipe _body = new(BodyOptions);
    readonly HttpRequestMessage _request;
    readonly HeaderDictionary _responseHeaders = new();
    readonly CancellationTokenSource _aborted = new();
    readonly TaskCompletionSource<HttpResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly ResponseBodyWriter _writer;
    Stream? _writerStream;
    List<(Func<object, Task> Callback, object State)>? _onStarting;
    List<(Func<object, Task> Callback, object State)>? _onCompleted;
    int _statusCode = StatusCodes.Status200OK;
    bool _started;
    volatile bool _finished;
    int _abortRequested;

    public InProcessExchange(HttpRequestMessage request, Stream requestBody)
    {
        _request = request;
        _writer = new ResponseBodyWriter(this, _body.Writer);
        var uri = request.RequestUri ?? throw new InvalidOperationException("an in-process request needs an absolute RequestUri");
        var headers = new HeaderDictionary();
        foreach (var (name, values) in request.Headers.NonValidated) headers[name] = Values(values);
        if (request.Content is { } content)
        {
            _ = content.Headers.ContentLength; // computed on first read, so that it is among the headers below
            foreach (var (name, values) in content.Headers.NonValidated) headers[name] = Values(values);
        }
        if (!headers.ContainsKey(HeaderNames.Host)) headers[HeaderNames.Host] = uri.Authority;
        Features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = HttpProtocol.GetHttpProtocol(request.Version),
            Method = request.Method.Method,
            Scheme = uri.Scheme,
            PathBase = "",
            Path = PathString.FromUriComponent(uri).Value ?? "/",
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Headers = headers,
            Body = requestBody,
        });
        Features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { LocalIpAddress = IPAddress.Loopback, RemoteIpAddress = IPAddress.Loopback });
        Features.Set<IHttpResponseFeature>(this);
        Features.Set<IHttpResponseBodyFeature>(this);
        Features.Set<IHttpRequestLifetimeFeature>(this);
        Features.Set<IHttpRequestBodyDetectionFeature>(this);
        CanHaveBody = request.Content is not null;
    }

    static StringValues Values(HeaderStringValues values) => values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);

    public FeatureCollection Features { get; } = new(6);

    /// <summary>Completes with the response once the server starts it (status and headers); fails if the request is aborted first.</summary>
    public Task<HttpResponseMessage> Response => _response.Task;

    /// <summary>Completes when the server is done with the request.</summary>
    public Task Completion => _completion.Task;

    public bool CanHaveBody { get; }

    // --- IHttpResponseFeature

    public int StatusCode
    {
        get => _statusCode;
        set
        {
            if (_started) throw new InvalidOperationException("StatusCode cannot be set because the response has already started.");
            _statusCode = value;
        }
    }

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers
    {
        get => _responseHeaders;
        set => throw new NotSupportedException("the response headers of an in-process request cannot be replaced");
    }

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    public Stream Body
    {
        get => Stream;
        set => throw new NotSupportedException("the response body of an in-process request cannot be replaced");
    }

    public bool HasStarted => _started;

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (_started) throw new InvalidOperationException("OnStarting cannot be set because the response has already started.");
        (_onStarting ??= []).Add((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => (_onCompleted ??= []).Add((callback, state));

    // --- IHttpResponseBodyFeature

    public Stream Stream => _writerStream ??= _writer.AsStream();

    public PipeWriter Writer => _writer;

    public void DisableBuffering() { }

    public Task StartAsync(CancellationToken cancellationToken = default) => _started ? Task.CompletedTask : StartResponseAsync();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await StartAsync();
        await _writer.FlushAsync();
        await _body.Writer.CompleteAsync();
    }

    // --- IHttpRequestLifetimeFeature

    public CancellationToken RequestAborted
    {
        get => _aborted.Token;
        set => throw new NotSupportedException("the RequestAborted token of an in-process request cannot be replaced");
    }

    /// <summary>Aborts the request from the server's side: the client sees an error instead of the rest of the response.</summary>
    public void Abort() => AbortRequest();

    // --- the server's side

    async Task StartResponseAsync()
    {
        // Last registered runs first, as in Kestrel; callbacks may still change the status and headers.
        if (_onStarting is { } callbacks)
        {
            _onStarting = null;
            for (var i = callbacks.Count - 1; i >= 0; i--) await callbacks[i].Callback(callbacks[i].State);
        }
        _started = true;
        _responseHeaders.IsReadOnly = true;
        var message = new HttpResponseMessage((HttpStatusCode)_statusCode)
        {
            RequestMessage = _request,
            Version = _request.Version,
            ReasonPhrase = ReasonPhrase,
            Content = new InProcessResponseContent(new InProcessResponseStream(_body.Reader, this)),
        };
        foreach (var (name, values) in _responseHeaders)
        {
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        if (!_response.TrySetResult(message)) message.Dispose(); // the client gave up waiting
    }

    /// <summary>
    /// Ends the response once the request pipeline has returned (or thrown, <paramref name="failure"/>), as Kestrel does:
    /// a failure before the response started is a 500 with no body, after it an aborted body; then the OnCompleted callbacks.
    /// </summary>
    public async Task EndAsync(Exception? failure)
    {
        try
        {
            if (failure is null && !_started && Volatile.Read(ref _abortRequested) == 0)
            {
                try { await StartResponseAsync(); }
                catch (Exception e) { failure = e; }
            }
            if (failure is not null && !_started && Volatile.Read(ref _abortRequested) == 0)
            {
                _statusCode = StatusCodes.Status500InternalServerError;
                ReasonPhrase = null;
                _responseHeaders.Clear();
                _responseHeaders.ContentLength = 0;
                _onStarting = null;
                await StartResponseAsync();
            }
            else if (failure is not null) AbortRequest();

            _finished = true;
            if (Volatile.Read(ref _abortRequested) != 0)
            {
                _response.TrySetException(new HttpRequestException("the API server aborted the request"));
                await _body.Writer.CompleteAsync(new IOException("the API server aborted the response", failure));
            }
            else
            {
                await _writer.FlushAsync();
                await _body.Writer.CompleteAsync();
            }
            if (_onCompleted is { } callbacks)
            {
                for (var i = callbacks.Count - 1; i >= 0; i--)
                {
                    try { await callbacks[i].Callback(callbacks[i].State); }
                    catch (Exception) { } // as in Kestrel, a failing completion callback does not change the finished response
                }
            }
        }
        finally
        {
            // The token source is not disposed: hosting and late client callbacks may still read or cancel it.
            _completion.TrySetResult();
        }
    }

    // --- the client's side

    /// <summary>The client cancelled before the response started: the server's request is aborted and nobody will read the body.</summary>
    public void CancelledByClient(CancellationToken cancellationToken)
    {
        if (_response.TrySetCanceled(cancellationToken)) _body.Reader.Complete();
        AbortRequest();
    }

    /// <summary>The client disposed the response body: if the server is still writing, its request is aborted.</summary>
    public void BodyClosedByClient()
    {
        if (!_finished) AbortRequest();
    }

    void AbortRequest()
    {
        if (Interlocked.Exchange(ref _abortRequested, 1) != 0) return;
        // The server's cancellation callbacks run on the thread pool, not on the client's (or the aborting) thread.
        _ = _aborted.CancelAsync();
    }
}
