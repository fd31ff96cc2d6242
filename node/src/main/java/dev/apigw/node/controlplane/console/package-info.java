/** The web console: its static files, and the signed management endpoints only it needs (live metrics, cluster). */
package dev.apigw.node.controlplane.console;
