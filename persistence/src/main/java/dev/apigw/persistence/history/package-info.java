/** Reading an entity's journal back: every change in order, and the state it led to at any instant. */
package dev.apigw.persistence.history;
