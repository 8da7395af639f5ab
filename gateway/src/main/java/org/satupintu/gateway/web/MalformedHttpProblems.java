package org.satupintu.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.satupintu.support.problem.ProblemCode;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the HTTP decoder cannot even read (CR, LF or NUL inside a header, a malformed header line, a request line
 * or headers over the server's limits) and request targets that are no URI (a backslash, {@code %zz}) never reach
 * Spring: Reactor Netty and Spring's adapter would answer them with an empty 400, 414 or 431. This answers them with
 * problem JSON like everything else (API.md: never anything but problem JSON), then closes the connection, since
 * the rest of what arrived on it cannot be trusted.
 */
@Component
class MalformedHttpProblems implements NettyServerCustomizer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "satupintu.malformedHttpProblems",
                        new Handler());
            }
        });
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {

        /** Once a request is refused here, whatever else arrives on the connection is dropped. */
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request
                    && (request.decoderResult().isFailure() || !isUri(request.uri()))) {
                Throwable cause = request.decoderResult().isFailure() ? request.decoderResult().cause() : null;
                refused = true;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(problem(cause)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private static boolean isUri(String target) {
            try {
                new URI(target);
                return true;
            }
            catch (URISyntaxException e) {
                return false;
            }
        }

        private static FullHttpResponse problem(Throwable cause) {
            HttpStatus status = cause instanceof TooLongHttpLineException ? HttpStatus.URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                            : cause instanceof TooLongFrameException ? HttpStatus.CONTENT_TOO_LARGE
                                    : HttpStatus.BAD_REQUEST;
            String detail = switch (status) {
                case URI_TOO_LONG -> "The request line is too long.";
                case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large.";
                default -> "The request is not well-formed HTTP.";
            };
            byte[] body = JSON.writeValueAsString(Problems.body(status,
                    ProblemCode.forStatus(status.value()).code(), detail, null))
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(RequestIdFilter.HEADER, UUID.randomUUID().toString());
            return response;
        }
    }
}
